//! egui views: plain functions over plain view-models, with no Bevy types, so that they can be
//! tested with egui_kittest.

use bevy_egui::egui;

/// One scenario on the library screen, as a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub title: String,
    pub client: String,
    pub complaint: String,
    pub difficulty: String,
}

/// A file that could not be loaded, with its first error.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub place: String,
    pub message: String,
}

/// What the library screen shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LibraryVm {
    pub cards: Vec<Card>,
    pub problems: Vec<Problem>,
}

/// Draws the library: a card per scenario, then the files that failed to load.
pub fn library_view(ui: &mut egui::Ui, vm: &LibraryVm) {
    ui.heading("IPT Trainer");
    ui.label("Choose a client to begin a course of Interpersonal Psychotherapy.");
    ui.add_space(8.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for card in &vm.cards {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.strong(&card.title);
                ui.label(&card.client);
                ui.label(&card.complaint);
                ui.weak(format!("Difficulty: {}", card.difficulty));
            });
            ui.add_space(4.0);
        }
        if !vm.problems.is_empty() {
            ui.add_space(8.0);
            ui.heading("Scenarios that could not be loaded");
            for problem in &vm.problems {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("{}:{}: {}", problem.file, problem.place, problem.message),
                );
            }
            ui.weak("Run `ipt-trainer check` on the file for the full diagnostics.");
        }
    });
}
