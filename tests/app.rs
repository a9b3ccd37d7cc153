//! The app's screens driven through the real plugins with `MinimalPlugins` + `StatesPlugin`:
//! key presses go in as window keyboard input, `app.update()` runs the frames, and the screen
//! states, the course and the saved files are checked. No window, no egui: the keyboard alone.
#![cfg(feature = "app")]
#![expect(clippy::expect_used, clippy::panic, reason = "a test fails loudly")]

use std::path::Path;

use bevy::input::keyboard::{Key, KeyboardInput, NativeKey};
use bevy::input::{ButtonState, InputPlugin};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use ipt_trainer::app::screens::debrief::Showing;
use ipt_trainer::app::screens::library::Library;
use ipt_trainer::app::settings::Settings;
use ipt_trainer::app::views::debrief::Section;
use ipt_trainer::app::{Course, DataDir, Scenarios, Screen, logic};
use ipt_trainer::library::load_all;
use ipt_trainer::scenario::model::ProblemArea;
use ipt_trainer::session::engine::{Mode, Prompt};
use ipt_trainer::session::record::Answer;
use ipt_trainer::session::store;

const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

fn letter(i: usize) -> KeyCode {
    use KeyCode::*;
    [
        KeyA, KeyB, KeyC, KeyD, KeyE, KeyF, KeyG, KeyH, KeyI, KeyJ, KeyK, KeyL, KeyM, KeyN, KeyO,
        KeyP, KeyQ, KeyR, KeyS, KeyT, KeyU, KeyV, KeyW, KeyX, KeyY, KeyZ,
    ][i]
}

fn app(data: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin))
        .insert_resource(Scenarios(load_all(&[])))
        .insert_resource(DataDir(Some(data.to_path_buf())))
        .add_plugins(logic);
    app.update();
    app
}

fn key(app: &mut App, key_code: KeyCode, state: ButtonState) {
    app.world_mut().write_message(KeyboardInput {
        key_code,
        logical_key: Key::Unidentified(NativeKey::Unidentified),
        state,
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
    app.update();
}

/// Presses and releases a key, then lets the screen change settle.
fn press(app: &mut App, key_code: KeyCode) {
    key(app, key_code, ButtonState::Pressed);
    key(app, key_code, ButtonState::Released);
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// From the library, selects the card of scenario `id` with the arrow keys and opens it.
fn open_with_keys(app: &mut App, id: &str) {
    assert_eq!(screen(app), Screen::Library);
    let position = app
        .world()
        .resource::<Library>()
        .0
        .visible()
        .iter()
        .position(|c| c.id == id)
        .expect("the scenario has a card");
    for _ in 0..8 {
        press(app, KeyCode::ArrowUp);
    }
    for _ in 0..position {
        press(app, KeyCode::ArrowDown);
    }
    press(app, KeyCode::Enter);
    assert_eq!(screen(app), Screen::Briefing);
}

/// Answers the current prompt as an expert would, with keys only: the digit of the expert's
/// option; or the area's digit, the statements' letters and Enter.
fn answer_with_keys(app: &mut App) {
    let (answer, prompt) = {
        let course = app.world().resource::<Course>();
        let attempt = course.attempt.as_ref().expect("a course is under way");
        (
            attempt.engine.expert_answer().expect("an expert answer"),
            attempt.engine.prompt().clone(),
        )
    };
    match (answer, prompt) {
        (Answer::Choice { id, .. }, Prompt::Choose { options, .. }) => {
            let i = options.iter().position(|o| o.id == id).expect("offered");
            press(app, DIGITS[i]);
        }
        (Answer::Formulation { area, ticked }, Prompt::Formulate { statements, .. }) => {
            let a = ProblemArea::ALL
                .iter()
                .position(|x| *x == area)
                .expect("area");
            press(app, DIGITS[a]);
            for id in ticked {
                let i = statements.iter().position(|s| s.id == id).expect("offered");
                press(app, letter(i));
            }
            press(app, KeyCode::Enter);
        }
        other => panic!("no answer fits {other:?}"),
    }
}

/// Plays the course to the debrief with the keyboard; the screens seen on the way.
fn play_to_debrief(app: &mut App) -> Vec<Screen> {
    let mut seen = Vec::new();
    for _ in 0..2_000 {
        let here = screen(app);
        seen.push(here);
        match here {
            Screen::Session | Screen::Formulation => answer_with_keys(app),
            Screen::Feedback => press(app, KeyCode::Enter),
            Screen::Debrief => return seen,
            other => panic!("unexpected screen {other:?} mid-course"),
        }
    }
    panic!("the course did not end in 2000 steps");
}

#[test]
fn a_whole_course_from_launch_to_debrief_with_the_keyboard_alone() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    open_with_keys(&mut app, "grief-ruth");
    press(&mut app, KeyCode::Enter);
    let seen = play_to_debrief(&mut app);
    assert!(seen.contains(&Screen::Formulation));
    assert!(
        seen.contains(&Screen::Feedback),
        "practice mode shows feedback"
    );

    let card = {
        let course = app.world().resource::<Course>();
        course.attempt.as_ref().expect("attempt").engine.scorecard()
    };
    assert!(card.percent >= 95, "expert path scored {}%", card.percent);

    // The debrief's sections by key, then back to the library.
    press(&mut app, KeyCode::Digit2);
    assert_eq!(app.world().resource::<Showing>().0, Section::Rubric);
    press(&mut app, KeyCode::ArrowRight);
    assert_eq!(app.world().resource::<Showing>().0, Section::Transcript);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);

    // The attempt was saved, finished, with the scorecard; the card shows the score.
    let records = store::all(data.path());
    assert_eq!(records.len(), 1);
    let record = &records[0].1;
    assert!(record.finished);
    assert_eq!(record.scorecard.as_ref(), Some(&card));
    let library = &app.world().resource::<Library>().0;
    let ruth = library
        .cards
        .iter()
        .find(|c| c.id == "grief-ruth")
        .expect("card");
    assert_eq!(ruth.best, Some(card.percent));

    // D reviews the selected card's last finished attempt: its debrief, replayed from the record.
    assert_eq!(library.selected_id().as_deref(), Some("grief-ruth"));
    assert!(app.world().resource::<Course>().attempt.is_none());
    press(&mut app, KeyCode::KeyD);
    assert_eq!(screen(&app), Screen::Debrief);
    let reviewed = app
        .world()
        .resource::<Course>()
        .attempt
        .as_ref()
        .map(|a| a.engine.scorecard());
    assert_eq!(reviewed, Some(card));
    // A client with no finished attempt says so and stays in the library.
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::KeyD);
    assert_eq!(screen(&app), Screen::Library);
    let notice = app.world().resource::<Library>().0.notice.clone();
    assert!(notice.is_some_and(|n| n.starts_with("No finished attempt")));
}

/// Every built-in course, one after another in one app, by keys alone.
#[test]
fn every_built_in_course_can_be_played_by_keyboard() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    let ids: Vec<String> = app
        .world()
        .resource::<Library>()
        .0
        .cards
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(ids.len(), load_all(&[]).len());
    for id in &ids {
        open_with_keys(&mut app, id);
        press(&mut app, KeyCode::Enter);
        play_to_debrief(&mut app);
        let percent = app
            .world()
            .resource::<Course>()
            .attempt
            .as_ref()
            .map(|a| a.engine.scorecard().percent);
        assert!(percent.is_some_and(|p| p >= 95), "{id}: {percent:?}");
        press(&mut app, KeyCode::Escape);
    }
    let finished = store::all(data.path())
        .iter()
        .filter(|(_, r)| r.finished)
        .count();
    assert_eq!(finished, ids.len());
}

#[test]
fn assessment_mode_holds_feedback_back_until_the_debrief() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    open_with_keys(&mut app, "deficits-finn");
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::Enter);
    let attempt_mode = app
        .world()
        .resource::<Course>()
        .attempt
        .as_ref()
        .map(|a| a.mode());
    assert_eq!(attempt_mode, Some(Mode::Assessment));
    let seen = play_to_debrief(&mut app);
    assert!(!seen.contains(&Screen::Feedback));
}

#[test]
fn leaving_mid_course_keeps_the_attempt_and_resume_continues_it() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    open_with_keys(&mut app, "dispute-priya");
    press(&mut app, KeyCode::Enter);
    for _ in 0..3 {
        answer_with_keys(&mut app);
        if screen(&app) == Screen::Feedback {
            press(&mut app, KeyCode::Enter);
        }
    }
    let before = {
        let attempt = app.world().resource::<Course>();
        let attempt = attempt.attempt.as_ref().expect("attempt");
        (attempt.record.steps.len(), attempt.engine.prompt().clone())
    };
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);

    // A new launch, as after closing the window.
    let mut app = self::app(data.path());
    let card = app.world().resource::<Library>().0.cards.clone();
    assert!(card.iter().any(|c| c.id == "dispute-priya" && c.unfinished));
    open_with_keys(&mut app, "dispute-priya");
    press(&mut app, KeyCode::KeyR);
    let after = {
        let attempt = app.world().resource::<Course>();
        let attempt = attempt.attempt.as_ref().expect("resumed");
        (attempt.record.steps.len(), attempt.engine.prompt().clone())
    };
    assert_eq!(after, before);
    assert_eq!(screen(&app), Screen::Session);
}

#[test]
fn settings_open_from_any_screen_persist_and_return() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    open_with_keys(&mut app, "grief-leila");
    press(&mut app, KeyCode::F2);
    assert_eq!(screen(&app), Screen::Settings);
    press(&mut app, KeyCode::KeyH);
    press(&mut app, KeyCode::Equal);
    press(&mut app, KeyCode::KeyM);
    press(&mut app, KeyCode::KeyW);
    press(&mut app, KeyCode::KeyR);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Briefing, "back where it was opened");

    let expected = Settings {
        text_size: 1.15,
        high_contrast: true,
        default_mode: Mode::Assessment,
        write_first: true,
        self_rate_first: true,
        trainee: String::new(),
    };
    assert_eq!(*app.world().resource::<Settings>(), expected);
    let app = self::app(data.path());
    assert_eq!(
        *app.world().resource::<Settings>(),
        expected,
        "kept on disk"
    );
}

#[test]
fn writing_first_hides_the_options_until_enter() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    app.world_mut().resource_mut::<Settings>().write_first = true;
    app.update();
    open_with_keys(&mut app, "transition-tomas");
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Session);
    let steps = |app: &App| {
        app.world()
            .resource::<Course>()
            .attempt
            .as_ref()
            .map(|a| a.record.steps.len())
    };
    press(&mut app, KeyCode::Digit1);
    assert_eq!(steps(&app), Some(0), "no choice before writing");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Digit1);
    assert_eq!(steps(&app), Some(1));
}

#[test]
fn settings_mid_session_keep_the_draft_and_return_to_the_session() {
    use ipt_trainer::app::screens::session::Draft;
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    open_with_keys(&mut app, "grief-ruth");
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Session);
    app.world_mut().resource_mut::<Draft>().written = "I'm sorry about Tom.".into();
    press(&mut app, KeyCode::F2);
    assert_eq!(screen(&app), Screen::Settings);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Session);
    assert_eq!(
        app.world().resource::<Draft>().written,
        "I'm sorry about Tom."
    );
    // The draft goes with the choice, into the record.
    press(&mut app, KeyCode::Digit1);
    let course = app.world().resource::<Course>();
    let record = &course.attempt.as_ref().expect("attempt").record;
    assert!(matches!(
        &record.steps[0].answer,
        Answer::Choice { written: Some(w), .. } if w == "I'm sorry about Tom."
    ));
}

#[test]
fn an_attempt_open_in_another_window_is_refused_on_the_briefing_and_the_app_goes_on() {
    use ipt_trainer::app::screens::briefing::Briefing;
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = app(data.path());
    open_with_keys(&mut app, "dispute-priya");
    press(&mut app, KeyCode::Enter);
    answer_with_keys(&mut app);
    if screen(&app) == Screen::Feedback {
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Escape);
    // Back in the library, this window has let the attempt go.
    assert!(app.world().resource::<Course>().attempt.is_none());
    let (_, record) = store::unfinished(data.path(), "dispute-priya").expect("saved");
    // Another window (or a terminal) opens the same attempt first.
    let elsewhere = store::lock(data.path(), &record.id).expect("locked");
    let mut app = self::app(data.path());
    open_with_keys(&mut app, "dispute-priya");
    press(&mut app, KeyCode::KeyR);
    assert_eq!(screen(&app), Screen::Briefing, "refused, and still usable");
    let problem = app.world().resource::<Briefing>().problem.clone();
    assert!(
        problem
            .as_deref()
            .is_some_and(|p| p.contains("open in another window")),
        "{problem:?}"
    );
    // Nothing of the saved attempt was touched; once the other window lets go, it resumes.
    assert_eq!(store::all(data.path())[0].1, record);
    drop(elsewhere);
    press(&mut app, KeyCode::KeyR);
    assert_eq!(screen(&app), Screen::Session);
}

#[test]
fn a_record_dropped_on_the_window_opens_for_review_and_a_bad_file_is_said_in_the_library() {
    use bevy::window::FileDragAndDrop;
    use ipt_trainer::app::screens::review::Reviewing;

    let data = tempfile::tempdir().expect("temp");
    let mut app = app(data.path());
    let scenario = app
        .world()
        .resource::<Scenarios>()
        .find("grief-ruth")
        .cloned()
        .expect("built in");
    let mut attempt = ipt_trainer::session::attempt::Attempt::start(
        std::sync::Arc::new(scenario),
        1,
        Mode::Practice,
        Some(data.path().to_path_buf()),
    )
    .expect("starts");
    while let Some(answer) = attempt.engine.expert_answer() {
        attempt.answer(answer).expect("answered");
    }
    let record = attempt.saved_at.clone().expect("saved");
    drop(attempt);

    let drop_file = |app: &mut App, path: &Path| {
        app.world_mut().write_message(FileDragAndDrop::DroppedFile {
            window: Entity::PLACEHOLDER,
            path_buf: path.to_path_buf(),
        });
        app.update();
        app.update();
    };
    drop_file(&mut app, &record);
    assert_eq!(screen(&app), Screen::Review);
    let reviewing = app.world().resource::<Reviewing>();
    let opened = reviewing.opened.as_ref().expect("opened");
    assert_eq!(opened.record.scenario, "grief-ruth");
    assert_eq!(opened.decisions.len(), opened.record.steps.len());
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.world().resource::<Reviewing>().page, 1);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);

    drop_file(&mut app, Path::new("Cargo.toml"));
    assert_eq!(screen(&app), Screen::Library);
    let notice = app
        .world()
        .resource::<Library>()
        .0
        .notice
        .clone()
        .unwrap_or_default();
    assert!(notice.contains("Cannot review"), "{notice}");
}
