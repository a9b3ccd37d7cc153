//! The screens, one plugin per file. Each screen draws its view in egui's pass, turns keys
//! into the same actions its view returns, and applies the actions asked on it.

pub mod briefing;
pub mod debrief;
pub mod feedback;
pub mod formulation;
pub mod library;
pub mod session;
pub mod settings;

use bevy::input::ButtonInput;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::{Asked, Focus, Screen};
use crate::session::attempt::Attempt;
use crate::session::engine::{Mode, Prompt};

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
        ));
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

/// Moves to `screen`, unless the app is there already: answering in place (assessment mode)
/// must not leave and re-enter the session screen.
pub fn go(next: &mut NextState<Screen>, screen: Screen) {
    next.set_if_neq(screen);
}
