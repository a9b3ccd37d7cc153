//! The briefing view: the referral note, the mode, and start or resume.

use bevy_egui::egui;

use super::{Action, key_hint, mode_label, title_bar, warning};
use crate::session::engine::Mode;

/// What the briefing shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefingVm {
    pub title: String,
    /// "Ruth Okafor, 71, woman"
    pub client: String,
    pub complaint: String,
    pub background: String,
    pub difficulty: String,
    /// "12 sessions"
    pub course: String,
    pub mode: Mode,
    /// A line about the unfinished attempt, when there is one.
    pub resumable: Option<String>,
    /// Why the last start or resume failed.
    pub problem: Option<String>,
}

pub fn briefing_view(ui: &mut egui::Ui, vm: &BriefingVm) -> Option<Action> {
    let mut action = title_bar(ui, &vm.title, "Library");
    ui.add_space(8.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong("Referral note");
        ui.add_space(4.0);
        ui.label(&vm.client);
        ui.label(format!("Presenting complaint: {}", vm.complaint));
        ui.add_space(4.0);
        ui.label(&vm.background);
        ui.add_space(4.0);
        ui.weak(format!("{} · difficulty {}", vm.course, vm.difficulty));
    });
    ui.add_space(12.0);
    ui.strong("Mode");
    for mode in [Mode::Practice, Mode::Assessment] {
        let key = match mode {
            Mode::Practice => "P",
            Mode::Assessment => "A",
        };
        if ui
            .radio(vm.mode == mode, key_hint(mode_label(mode), key))
            .clicked()
        {
            action = Some(Action::SetMode(mode));
        }
    }
    ui.add_space(12.0);
    if let Some(problem) = &vm.problem {
        warning(ui, problem);
        ui.add_space(8.0);
    }
    ui.horizontal(|ui| {
        if ui
            .button(key_hint("Start a new attempt", "Enter"))
            .clicked()
        {
            action = Some(Action::Start);
        }
        if vm.resumable.is_some() && ui.button(key_hint("Resume", "R")).clicked() {
            action = Some(Action::Resume);
        }
    });
    if let Some(resumable) = &vm.resumable {
        ui.weak(resumable);
    }
    action
}
