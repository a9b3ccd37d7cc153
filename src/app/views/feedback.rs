//! The feedback view (practice mode): after each answer, what it earned, why, and what an
//! expert would have said instead.

use bevy_egui::egui;

use super::{Action, good_color, key_hint};

/// One rubric item an answer touched.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// "Sick role: responsibility"
    pub item: String,
    /// "+2 done", "-2 marked down"...
    pub verdict: String,
    pub good: bool,
    /// Why a scoring rule changed or added this mark (the risk rule, a late sick role, a
    /// strategy of a wrong area), when one did.
    pub note: Option<String>,
}

/// What the feedback screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackVm {
    pub header: String,
    /// What the trainee said (or formulated).
    pub said: String,
    pub marks: Vec<Mark>,
    pub rationale: Option<String>,
    pub expert: Option<String>,
}

pub fn feedback_view(ui: &mut egui::Ui, vm: &FeedbackVm) -> Option<Action> {
    let mut action = None;
    ui.heading(&vm.header);
    ui.separator();
    ui.strong("You said");
    ui.label(&vm.said);
    ui.add_space(8.0);
    if vm.marks.is_empty() {
        ui.weak("This answer neither earned nor lost points on the rubric.");
    }
    for mark in &vm.marks {
        let color = if mark.good {
            good_color(ui.visuals())
        } else {
            ui.visuals().error_fg_color
        };
        ui.horizontal(|ui| {
            ui.colored_label(color, &mark.verdict);
            ui.label(&mark.item);
        });
        if let Some(note) = &mark.note {
            ui.weak(note);
        }
    }
    if let Some(rationale) = &vm.rationale {
        ui.add_space(8.0);
        ui.strong("Why");
        ui.label(rationale);
    }
    if let Some(expert) = &vm.expert {
        ui.add_space(8.0);
        ui.strong("An expert might say");
        ui.label(expert);
    }
    ui.add_space(12.0);
    if ui.button(key_hint("Continue", "Enter")).clicked() {
        action = Some(Action::Continue);
    }
    action
}
