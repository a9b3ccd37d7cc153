//! `--review RECORD` opens an attempt for review.
//! `--scenario ID [--answers FILE] [--at NODE] [--screen NAME]`: opens a given screen of a given
//! scenario at a given point of its course, reached with the given answers and then the
//! expert's, with a fixed seed, so that a screenshot of it is the same every time. Nothing is
//! saved.

use std::sync::Arc;

use bevy::prelude::*;

use super::screens::library::Library;
use super::screens::review::{Reviewing, open_review};
use super::{Course, Scenarios, Screen};
use crate::cli::AppArgs;
use crate::session::attempt::Attempt;
use crate::session::engine::Mode;

/// The seed of opened courses: screenshots must not change from run to run.
const SEED: u64 = 1;

pub(super) fn plugin(args: AppArgs) -> impl Fn(&mut App) {
    move |app: &mut App| {
        let args = args.clone();
        app.add_systems(
            Startup,
            move |scenarios: Res<Scenarios>,
                  mut course: ResMut<Course>,
                  mut reviewing: ResMut<Reviewing>,
                  mut library: ResMut<Library>,
                  mut next: ResMut<NextState<Screen>>,
                  mut exit: MessageWriter<AppExit>| {
                if let Some(record) = &args.review {
                    // A record that cannot be opened is said in the library, which stays open.
                    match open_review(record, &scenarios, Screen::Library) {
                        Ok(opened) => {
                            *reviewing = opened;
                            next.set(Screen::Review);
                        }
                        Err(problem) => {
                            eprintln!("error: {problem}");
                            library.0.notice = Some(problem);
                        }
                    }
                    return;
                }
                match open(&args, &scenarios) {
                    Ok((opened, screen)) => {
                        *course = opened;
                        next.set(screen);
                    }
                    Err(message) => {
                        error!("{message}");
                        eprintln!("error: {message}");
                        exit.write(AppExit::from_code(2));
                    }
                }
            },
        );
    }
}

/// The course and screen the flags ask for.
pub fn open(args: &AppArgs, scenarios: &Scenarios) -> Result<(Course, Screen), String> {
    let Some(id) = &args.scenario else {
        let screen = args.screen.unwrap_or(Screen::Library);
        match screen {
            Screen::Library | Screen::Settings | Screen::History => {}
            Screen::Review => return Err("--screen review needs --review RECORD".into()),
            _ => return Err(format!("--screen {screen:?} needs --scenario ID")),
        }
        return Ok((Course::default(), screen));
    };
    let scenario = scenarios.find(id).ok_or_else(|| {
        let ids: Vec<&str> = scenarios.loaded().map(|s| s.id.as_str()).collect();
        format!("no scenario `{id}`; the library has: {}", ids.join(", "))
    })?;
    let scenario = Arc::new(scenario.clone());
    let mut course = Course {
        scenario: Some(Arc::clone(&scenario)),
        ..Course::default()
    };
    if args.at.is_none() && args.answers.is_none() {
        let screen = args.screen.unwrap_or(Screen::Briefing);
        return Ok((course, screen));
    }
    let mut attempt =
        Attempt::start(scenario, SEED, Mode::Practice, None).map_err(|e| e.to_string())?;
    if let Some(file) = &args.answers {
        for line in crate::cli::play::read_answers(file)? {
            let answer = crate::cli::play::parse_answer(attempt.engine.prompt(), &line.text)
                .map_err(|e| format!("{}:{}: {e}", file.display(), line.number))?;
            attempt.answer(answer).map_err(|e| e.to_string())?;
        }
    }
    let at = args.at.as_deref().unwrap_or("end");
    if args.at.is_some() {
        attempt.expert_until(at)?;
    }
    let screen = match args.screen {
        // At a node, the feedback is on the expert's answer there; after `--answers` alone, on
        // the last answer given.
        Some(Screen::Feedback) if args.at.is_some() => {
            let answer = attempt
                .engine
                .expert_answer()
                .ok_or_else(|| format!("nothing to answer at `{at}`"))?;
            attempt.answer(answer).map_err(|e| e.to_string())?;
            Screen::Feedback
        }
        Some(screen) => screen,
        None => super::screens::screen_for(&attempt),
    };
    course.attempt = Some(attempt);
    Ok((course, screen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::built_in;

    fn args(scenario: Option<&str>, at: Option<&str>, screen: Option<Screen>) -> AppArgs {
        AppArgs {
            scenario: scenario.map(str::to_owned),
            at: at.map(str::to_owned),
            screen,
            ..AppArgs::default()
        }
    }

    fn opened(args: &AppArgs) -> Result<(Course, Screen), String> {
        open(args, &Scenarios(built_in()))
    }

    #[test]
    fn each_screen_opens_where_the_flags_say() {
        let screen = |a: &AppArgs| opened(a).map(|(_, s)| s);
        assert_eq!(
            screen(&args(Some("grief-ruth"), None, None)),
            Ok(Screen::Briefing)
        );
        let at = |node, on| screen(&args(Some("grief-ruth"), Some(node), on));
        assert_eq!(at("r4-both", None), Ok(Screen::Session));
        assert_eq!(at("r2-formulation", None), Ok(Screen::Formulation));
        assert_eq!(at("end", None), Ok(Screen::Debrief));
        assert_eq!(at("r1-when", Some(Screen::Feedback)), Ok(Screen::Feedback));
        assert_eq!(
            screen(&args(None, None, Some(Screen::Settings))),
            Ok(Screen::Settings)
        );
        // Opened courses are never saved.
        let (course, _) = opened(&args(Some("grief-ruth"), Some("end"), None)).unwrap();
        assert!(course.attempt.is_some_and(|a| a.data_dir().is_none()));
    }

    #[test]
    fn wrong_flags_say_what_is_wrong() {
        let error = |a: &AppArgs| opened(a).err().unwrap_or_default();
        assert!(error(&args(Some("nobody"), None, None)).contains("grief-ruth"));
        assert!(error(&args(Some("grief-ruth"), Some("nowhere"), None)).contains("nowhere"));
        assert!(error(&args(None, None, Some(Screen::Session))).contains("--scenario"));
    }
}
