//! The trainee's settings (text size, high contrast, default mode, write-first): loaded at
//! start-up, saved atomically beside the attempts whenever they change, and applied to egui.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, Stroke};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use serde::{Deserialize, Serialize};

use super::DataDir;
use crate::files::{Replace, write_atomic};
use crate::session::engine::Mode;

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// egui's zoom factor: 1.0 is the normal size.
    pub text_size: f32,
    pub high_contrast: bool,
    /// The mode a new attempt starts in.
    pub default_mode: Mode,
    /// Hide the options until the trainee has written what they would say.
    pub write_first: bool,
    /// The trainee's name, as their attempts and reports give it.
    pub trainee: String,
    /// Rate yourself, item by item, before the debrief shows the app's score.
    pub self_rate_first: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_size: 1.0,
            high_contrast: false,
            default_mode: Mode::Practice,
            write_first: false,
            trainee: String::new(),
            self_rate_first: false,
        }
    }
}

/// Where the settings are stored, or why the last load or save failed: the settings screen
/// shows it.
#[derive(Resource, Debug, Clone, Default)]
pub struct SettingsStatus(pub String);

pub fn settings_file(data: &Path) -> PathBuf {
    data.join("settings.ron")
}

/// Reads the settings; a missing file gives the defaults, a damaged one the defaults and a
/// message (the file is left as it is until the trainee changes a setting).
pub fn load(data: Option<&Path>) -> (Settings, String) {
    let Some(data) = data else {
        return (Settings::default(), "Settings are not saved.".into());
    };
    let path = settings_file(data);
    match std::fs::read_to_string(&path) {
        Ok(text) => match ron::from_str(&text) {
            Ok(settings) => (settings, format!("Saved in {}", path.display())),
            Err(e) => (
                Settings::default(),
                format!(
                    "{} could not be read ({e}); using the defaults.",
                    path.display()
                ),
            ),
        },
        Err(_) => (
            Settings::default(),
            format!("Saved in {} when changed.", path.display()),
        ),
    }
}

pub fn save(data: Option<&Path>, settings: &Settings) -> String {
    let Some(data) = data else {
        return "Settings are not saved.".into();
    };
    let path = settings_file(data);
    let written = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)
        .and_then(|text| write_atomic(&path, &text, Replace::Allowed));
    match written {
        Ok(()) => format!("Saved in {}", path.display()),
        Err(e) => format!("Could not save the settings in {}: {e}", path.display()),
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Settings>()
        .init_resource::<SettingsStatus>()
        .add_systems(PreStartup, load_settings)
        .add_systems(
            PostUpdate,
            save_settings.run_if(resource_changed::<Settings>),
        )
        .add_systems(EguiPrimaryContextPass, apply_theme);
}

fn load_settings(mut commands: Commands, data: Res<DataDir>) {
    let (settings, status) = load(data.0.as_deref());
    commands.insert_resource(settings);
    commands.insert_resource(SettingsStatus(status));
}

/// Saves after a change; the first run only notes the loaded settings, which need no saving.
fn save_settings(
    settings: Res<Settings>,
    data: Res<DataDir>,
    mut status: ResMut<SettingsStatus>,
    mut loaded: Local<bool>,
) {
    if !*loaded {
        *loaded = true;
        return;
    }
    status.0 = save(data.0.as_deref(), &settings);
}

/// Applies the settings to egui (and the window's clear colour, which shows behind the
/// avatar) whenever they differ from what was last applied.
fn apply_theme(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut clear: ResMut<ClearColor>,
    mut applied: Local<Option<Settings>>,
) -> Result {
    if applied.as_ref() == Some(&*settings) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let visuals = visuals(settings.high_contrast);
    let [r, g, b, _] = visuals.panel_fill.to_array();
    clear.0 = Color::srgb_u8(r, g, b);
    ctx.set_visuals(visuals);
    ctx.set_zoom_factor(settings.text_size);
    *applied = Some(settings.clone());
    Ok(())
}

/// A calm light theme, or a high-contrast one: white on black, yellow for selection.
pub fn visuals(high_contrast: bool) -> egui::Visuals {
    if !high_contrast {
        return egui::Visuals::light();
    }
    let mut v = egui::Visuals::dark();
    let white = Stroke::new(1.5, Color32::WHITE);
    v.override_text_color = Some(Color32::WHITE);
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::BLACK;
    v.extreme_bg_color = Color32::from_gray(20);
    v.faint_bg_color = Color32::from_gray(35);
    v.warn_fg_color = Color32::YELLOW;
    v.error_fg_color = Color32::from_rgb(255, 140, 140);
    v.selection.stroke = Stroke::new(2.0, Color32::YELLOW);
    v.selection.bg_fill = Color32::from_rgb(0, 0, 140);
    for widget in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        widget.fg_stroke = white;
        widget.bg_stroke = white;
    }
    v.widgets.inactive.bg_fill = Color32::BLACK;
    v.widgets.inactive.weak_bg_fill = Color32::BLACK;
    v.widgets.hovered.bg_fill = Color32::from_gray(70);
    v.widgets.hovered.weak_bg_fill = Color32::from_gray(70);
    v.widgets.hovered.bg_stroke = Stroke::new(2.0, Color32::YELLOW);
    v
}
