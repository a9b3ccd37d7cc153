//! The settings screen, opened from any screen with F2 (or the library's button) and closed
//! with Esc back to where it was opened. + and - change the text size, H the contrast, W
//! write-first, R self-rating first, M the default mode; the name is typed in.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{Step, add_screen, ask, asked_on, go, shortcut_keys, show_view};
use crate::app::settings::{Settings, SettingsStatus};
use crate::app::views::Action;
use crate::app::views::settings::{SettingsVm, TEXT_SIZES, settings_view};
use crate::app::{Asked, Focus, Screen};
use crate::session::engine::Mode;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReturnTo>().add_systems(
        Update,
        (
            ask_for_settings.in_set(Step::ReadKeys),
            open_settings.in_set(Step::Apply),
        ),
    );
    add_screen(
        app,
        Screen::Settings,
        read_keys,
        apply_actions,
        draw_settings,
    );
}

/// The screen the settings were opened from.
#[derive(Resource, Debug, Clone, Copy, Default)]
struct ReturnTo(Screen);

/// F2 asks for the settings on any screen.
fn ask_for_settings(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<Focus>,
    screen: Res<State<Screen>>,
    mut out: MessageWriter<Asked>,
) {
    if shortcut_keys(&keys, *focus).contains(&KeyCode::F2) {
        ask(&mut out, *screen.get(), [Action::OpenSettings]);
    }
}

/// Opens the settings from whichever screen asked.
fn open_settings(
    mut asked: MessageReader<Asked>,
    screen: Res<State<Screen>>,
    mut back: ResMut<ReturnTo>,
    mut next: ResMut<NextState<Screen>>,
) {
    let here = *screen.get();
    // Read every message, so that none is left to be misread later.
    let opened = asked_on(&mut asked, here)
        .filter(|a| *a == Action::OpenSettings)
        .count();
    if opened > 0 && here != Screen::Settings {
        back.0 = here;
        go(&mut next, Screen::Settings);
    }
}

fn draw_settings(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    status: Res<SettingsStatus>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let mut vm = SettingsVm {
        text_size: settings.text_size,
        high_contrast: settings.high_contrast,
        default_mode: settings.default_mode,
        write_first: settings.write_first,
        self_rate_first: settings.self_rate_first,
        trainee: settings.trainee.clone(),
        stored: status.0.clone(),
    };
    let action = show_view(&mut contexts, true, |ui| settings_view(ui, &mut vm))?;
    // Only a real edit marks the settings changed (and saves them).
    if vm.trainee != settings.trainee {
        settings.trainee = vm.trainee;
    }
    ask(&mut out, Screen::Settings, action);
    Ok(())
}

/// The next text size up or down from `now`.
fn step_text_size(now: f32, up: bool) -> f32 {
    let at = TEXT_SIZES
        .iter()
        .position(|(size, _)| (size - now).abs() < 0.01)
        .unwrap_or(0);
    let to = if up {
        (at + 1).min(TEXT_SIZES.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    TEXT_SIZES.get(to).map_or(now, |(size, _)| *size)
}

fn read_keys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<Focus>,
    settings: Res<Settings>,
    mut out: MessageWriter<Asked>,
) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::Escape => Some(Action::Back),
            KeyCode::Equal | KeyCode::NumpadAdd => Some(Action::SetTextSize(step_text_size(
                settings.text_size,
                true,
            ))),
            KeyCode::Minus | KeyCode::NumpadSubtract => Some(Action::SetTextSize(step_text_size(
                settings.text_size,
                false,
            ))),
            KeyCode::KeyH => Some(Action::SetHighContrast(!settings.high_contrast)),
            KeyCode::KeyW => Some(Action::SetWriteFirst(!settings.write_first)),
            KeyCode::KeyR => Some(Action::SetSelfRateFirst(!settings.self_rate_first)),
            KeyCode::KeyM => Some(Action::SetDefaultMode(match settings.default_mode {
                Mode::Practice => Mode::Assessment,
                Mode::Assessment => Mode::Practice,
            })),
            _ => None,
        });
    ask(&mut out, Screen::Settings, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut settings: ResMut<Settings>,
    back: Res<ReturnTo>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Settings) {
        match action {
            Action::SetTextSize(size) => settings.text_size = size,
            Action::SetHighContrast(on) => settings.high_contrast = on,
            Action::SetWriteFirst(on) => settings.write_first = on,
            Action::SetSelfRateFirst(on) => settings.self_rate_first = on,
            Action::SetDefaultMode(mode) => settings.default_mode = mode,
            Action::Back => go(&mut next, back.0),
            _ => {}
        }
    }
}
