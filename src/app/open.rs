//! `--scenario ID [--at NODE] [--screen NAME]`: opens a given screen of a given scenario at a
//! given point of its course, reached with the expert's answers and a fixed seed, so that a
//! screenshot of it is the same every time. Nothing is saved.

use std::sync::Arc;

use bevy::prelude::*;

use super::{Course, Scenarios, Screen};
use crate::cli::{AppArgs, ScreenName};
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
                  mut next: ResMut<NextState<Screen>>,
                  mut exit: MessageWriter<AppExit>| {
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
    let name_of = |s: ScreenName| match s {
        ScreenName::Library => Screen::Library,
        ScreenName::Briefing => Screen::Briefing,
        ScreenName::Session => Screen::Session,
        ScreenName::Formulation => Screen::Formulation,
        ScreenName::Feedback => Screen::Feedback,
        ScreenName::Debrief => Screen::Debrief,
        ScreenName::Settings => Screen::Settings,
    };
    let Some(id) = &args.scenario else {
        let screen = args.screen.map_or(Screen::Library, name_of);
        if !matches!(screen, Screen::Library | Screen::Settings) {
            return Err(format!("--screen {screen:?} needs --scenario ID"));
        }
        return Ok((Course::default(), screen));
    };
    let loaded: Vec<_> = scenarios
        .0
        .iter()
        .filter_map(|c| c.scenario.as_ref())
        .collect();
    let scenario = loaded.iter().find(|s| &s.id == id).ok_or_else(|| {
        let ids: Vec<&str> = loaded.iter().map(|s| s.id.as_str()).collect();
        format!("no scenario `{id}`; the library has: {}", ids.join(", "))
    })?;
    let scenario = Arc::new((*scenario).clone());
    let mut course = Course {
        scenario: Some(Arc::clone(&scenario)),
        ..Course::default()
    };
    let Some(at) = &args.at else {
        let screen = args.screen.map_or(Screen::Briefing, name_of);
        return Ok((course, screen));
    };
    let mut attempt =
        Attempt::start(scenario, SEED, Mode::Practice, None).map_err(|e| e.to_string())?;
    attempt.expert_until(at)?;
    let screen = match args.screen {
        Some(ScreenName::Feedback) => {
            let answer = attempt
                .expert_answer()
                .ok_or_else(|| format!("nothing to answer at `{at}`"))?;
            attempt.answer(answer).map_err(|e| e.to_string())?;
            Screen::Feedback
        }
        Some(name) => name_of(name),
        None => super::screens::screen_for(&attempt),
    };
    course.attempt = Some(attempt);
    Ok((course, screen))
}
