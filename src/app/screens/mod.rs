//! The screens, one plugin per file. Each screen draws its view in egui's pass, turns keys
//! into the same actions its view returns, and applies the actions asked on it.

pub mod briefing;
pub mod debrief;
pub mod feedback;
pub mod formulation;
pub mod history;
pub mod library;
pub mod review;
pub mod session;
pub mod settings;

use bevy::ecs::schedule::IntoScheduleConfigs;
use bevy::ecs::system::ScheduleSystem;
use bevy::input::ButtonInput;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::{Asked, Course, Focus, Screen};
use crate::session::attempt::Attempt;
use crate::session::engine::{Mode, Prompt};
use crate::session::record::Answer;

/// The order of a frame's work: keys become actions, then actions are applied.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// Keys pressed this frame become [`Asked`] actions.
    ReadKeys,
    /// Every screen applies the actions asked on it.
    Apply,
}

pub(super) fn plugin(app: &mut App) {
    app.configure_sets(Update, (Step::ReadKeys, Step::Apply).chain())
        .add_systems(EguiPrimaryContextPass, note_focus)
        .add_plugins((
            library::plugin,
            briefing::plugin,
            session::plugin,
            formulation::plugin,
            feedback::plugin,
            debrief::plugin,
            settings::plugin,
            history::plugin,
            review::plugin,
        ));
}

/// Registers a screen's systems: its keys become actions, its actions are applied, its view is
/// drawn in egui's pass, each only while the screen is shown.
pub fn add_screen<K, A, D>(
    app: &mut App,
    screen: Screen,
    read_keys: impl IntoScheduleConfigs<ScheduleSystem, K>,
    apply_actions: impl IntoScheduleConfigs<ScheduleSystem, A>,
    draw: impl IntoScheduleConfigs<ScheduleSystem, D>,
) {
    app.add_systems(
        Update,
        (
            read_keys.in_set(Step::ReadKeys),
            apply_actions.in_set(Step::Apply),
        )
            .run_if(in_state(screen)),
    )
    .add_systems(EguiPrimaryContextPass, draw.run_if(in_state(screen)));
}

/// The screen that fits where the course stands.
pub fn screen_for(attempt: &Attempt) -> Screen {
    match attempt.engine.prompt() {
        Prompt::Choose { .. } => Screen::Session,
        Prompt::Formulate { .. } => Screen::Formulation,
        Prompt::Ended { .. } => Screen::Debrief,
    }
}

/// The screen after an answer: feedback in practice mode, else straight on.
pub fn screen_after_answer(attempt: &Attempt) -> Screen {
    match attempt.mode() {
        Mode::Practice => Screen::Feedback,
        Mode::Assessment => screen_for(attempt),
    }
}

/// The keys pressed this frame that are shortcuts: none while the trainee types into a text
/// box, and not Enter or Space while a widget has keyboard focus (egui presses it).
pub fn shortcut_keys(keys: &ButtonInput<KeyCode>, focus: Focus) -> Vec<KeyCode> {
    if focus.typing {
        return Vec::new();
    }
    keys.get_just_pressed()
        .copied()
        .filter(|k| !(focus.widget && matches!(k, KeyCode::Enter | KeyCode::Space)))
        .collect()
}

/// The number a digit key stands for (1 to 9), from the main row or the keypad.
pub fn digit(key: KeyCode) -> Option<usize> {
    use KeyCode::*;
    [
        (Digit1, Numpad1),
        (Digit2, Numpad2),
        (Digit3, Numpad3),
        (Digit4, Numpad4),
        (Digit5, Numpad5),
        (Digit6, Numpad6),
        (Digit7, Numpad7),
        (Digit8, Numpad8),
        (Digit9, Numpad9),
    ]
    .iter()
    .position(|(main, pad)| key == *main || key == *pad)
    .map(|i| i + 1)
}

/// Follows egui's keyboard focus into [`Focus`], writing only when it changes.
fn note_focus(mut contexts: EguiContexts, mut focus: ResMut<Focus>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let now = Focus {
        typing: ctx.text_edit_focused(),
        widget: ctx.memory(|m| m.focused().is_some()),
    };
    focus.set_if_neq(now);
    Ok(())
}

/// Sends the actions a view returned (or a key stood for) as asked on `screen`.
pub fn ask(
    out: &mut MessageWriter<Asked>,
    on: Screen,
    actions: impl IntoIterator<Item = super::Action>,
) {
    for action in actions {
        out.write(Asked { on, action });
    }
}

/// The actions asked on `screen` among those read.
pub fn asked_on<'a>(
    reader: &'a mut MessageReader<Asked>,
    screen: Screen,
) -> impl Iterator<Item = super::Action> + 'a {
    reader
        .read()
        .filter(move |a| a.on == screen)
        .map(|a| a.action.clone())
}

/// Draws a view over the whole window and returns what it asked for. `framed` gives it the
/// usual panel background and margins; the session screen draws its own panels instead.
pub fn show_view(
    contexts: &mut EguiContexts,
    framed: bool,
    view: impl FnOnce(&mut bevy_egui::egui::Ui) -> Option<super::Action>,
) -> Result<Option<super::Action>> {
    let mut root = super::root_ui(contexts.ctx_mut()?);
    if framed {
        Ok(bevy_egui::egui::CentralPanel::default()
            .show(&mut root, view)
            .inner)
    } else {
        Ok(view(&mut root))
    }
}

/// Gives an answer to the course in progress; the screen to go to next, or `None` when the
/// engine refused it (a scenario fault validation missed), which is then kept in
/// `course.problem` for the screen to show. The answers before it are saved either way.
pub fn give_answer(course: &mut Course, answer: Answer) -> Option<Screen> {
    let attempt = course.attempt.as_mut()?;
    match attempt.answer(answer) {
        Ok(_) => {
            course.problem = None;
            course.self_rate_pending = course.self_rate_first && attempt.engine.is_finished();
            Some(screen_after_answer(attempt))
        }
        Err(error) => {
            course.problem = Some(format!(
                "This answer could not be taken ({error}). Your earlier answers are saved; \
                 please tell the scenario's author."
            ));
            None
        }
    }
}

/// Moves to `screen`, unless the app is there already: answering in place (assessment mode)
/// must not leave and re-enter the session screen.
pub fn go(next: &mut NextState<Screen>, screen: Screen) {
    next.set_if_neq(screen);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pressed(keys: &[KeyCode]) -> ButtonInput<KeyCode> {
        let mut input = ButtonInput::default();
        for key in keys {
            input.press(*key);
        }
        input
    }

    #[test]
    fn shortcuts_give_way_to_typing_and_to_the_focused_widget() {
        let keys = pressed(&[KeyCode::Digit2, KeyCode::Enter]);
        let mut free = shortcut_keys(&keys, Focus::default());
        free.sort_by_key(|k| format!("{k:?}"));
        assert_eq!(free, [KeyCode::Digit2, KeyCode::Enter]);
        let typing = Focus {
            typing: true,
            widget: true,
        };
        assert_eq!(shortcut_keys(&keys, typing), []);
        let on_a_button = Focus {
            typing: false,
            widget: true,
        };
        assert_eq!(shortcut_keys(&keys, on_a_button), [KeyCode::Digit2]);
    }

    #[test]
    fn digits_from_the_main_row_and_the_keypad() {
        assert_eq!(digit(KeyCode::Digit1), Some(1));
        assert_eq!(digit(KeyCode::Numpad9), Some(9));
        assert_eq!(digit(KeyCode::Digit0), None);
        assert_eq!(digit(KeyCode::KeyA), None);
    }
}
