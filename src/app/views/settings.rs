//! The settings view: your name, text size, high contrast, the default mode, write-first and
//! self-rating first.

use bevy_egui::egui;

use super::{Action, key_hint, mode_label, title_bar};
use crate::session::engine::Mode;

/// The text sizes on offer, as zoom factors.
pub const TEXT_SIZES: [(f32, &str); 4] = [
    (1.0, "Normal"),
    (1.15, "Large"),
    (1.3, "Larger"),
    (1.5, "Largest"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct SettingsVm {
    pub text_size: f32,
    pub high_contrast: bool,
    pub default_mode: Mode,
    pub write_first: bool,
    pub self_rate_first: bool,
    /// The trainee's name (edited in place).
    pub trainee: String,
    /// Where the settings are kept, or why they could not be saved.
    pub stored: String,
}

pub fn settings_view(ui: &mut egui::Ui, vm: &mut SettingsVm) -> Option<Action> {
    let mut action = title_bar(ui, "Settings", "Back");
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong("Your name");
        ui.add(
            egui::TextEdit::singleline(&mut vm.trainee)
                .hint_text("as your reports and your supervisor see it"),
        );
    });
    ui.add_space(8.0);
    ui.strong(key_hint("Text size", "+ and -"));
    ui.horizontal(|ui| {
        for (size, name) in TEXT_SIZES {
            let on = (vm.text_size - size).abs() < 0.01;
            if ui.selectable_label(on, name).clicked() {
                action = Some(Action::SetTextSize(size));
            }
        }
    });
    ui.add_space(8.0);
    let mut contrast = vm.high_contrast;
    if ui
        .checkbox(&mut contrast, key_hint("High-contrast theme", "H"))
        .clicked()
    {
        action = Some(Action::SetHighContrast(contrast));
    }
    let mut write_first = vm.write_first;
    if ui
        .checkbox(
            &mut write_first,
            key_hint("Write what I would say before seeing the options", "W"),
        )
        .clicked()
    {
        action = Some(Action::SetWriteFirst(write_first));
    }
    let mut self_rate = vm.self_rate_first;
    if ui
        .checkbox(
            &mut self_rate,
            key_hint("Rate myself before the debrief shows my score", "R"),
        )
        .clicked()
    {
        action = Some(Action::SetSelfRateFirst(self_rate));
    }
    ui.add_space(8.0);
    ui.strong(key_hint("Default mode", "M"));
    for mode in [Mode::Practice, Mode::Assessment] {
        if ui
            .radio(vm.default_mode == mode, mode_label(mode))
            .clicked()
        {
            action = Some(Action::SetDefaultMode(mode));
        }
    }
    ui.add_space(12.0);
    ui.weak(&vm.stored);
    action
}
