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

/// Draws the library: the files that failed to load first, so an instructor sees them at
/// once, then a card per scenario.
pub fn library_view(ui: &mut egui::Ui, vm: &LibraryVm) {
    ui.heading("IPT Trainer");
    ui.label("Choose a client to begin a course of Interpersonal Psychotherapy.");
    ui.add_space(8.0);
    if !vm.problems.is_empty() {
        let error = ui.visuals().error_fg_color;
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, error))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let files = if vm.problems.len() == 1 {
                    "file"
                } else {
                    "files"
                };
                ui.colored_label(
                    error,
                    format!("{} scenario {files} could not be loaded", vm.problems.len()),
                );
                // A long list scrolls on its own, so the scenarios that did load stay in view.
                egui::ScrollArea::vertical()
                    .id_salt("problems")
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for problem in &vm.problems {
                            let place = format!("{}:{}", problem.file, problem.place);
                            ui.label(format!("{place}  {}", problem.message));
                        }
                    });
                ui.weak("Run `ipt-trainer check FILE` for the full diagnostics.");
            });
        ui.add_space(8.0);
    }
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
    });
}
