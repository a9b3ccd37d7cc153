//! The library view: a card per client, searchable and filtered by difficulty, and the files
//! that failed to load. A card never names the problem area: finding it is the trainee's task.

use bevy_egui::egui;

use super::{Action, key_hint};
use crate::scenario::model::Difficulty;

/// One scenario on the library screen, as a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The scenario id: used to open it, never shown (ids often name the area).
    pub id: String,
    pub title: String,
    pub client: String,
    pub complaint: String,
    pub difficulty: Difficulty,
    /// Best and last score of finished attempts, in percent.
    pub best: Option<u8>,
    pub last: Option<u8>,
    pub finished: usize,
    /// An unfinished attempt is waiting to be resumed.
    pub unfinished: bool,
}

impl Card {
    fn matches(&self, search: &str) -> bool {
        let search = search.trim().to_lowercase();
        search.is_empty()
            || [&self.title, &self.client, &self.complaint]
                .iter()
                .any(|text| text.to_lowercase().contains(&search))
    }
}

/// A file that could not be loaded, with its first error.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub place: String,
    pub message: String,
}

/// What the library screen shows, and the trainee's search, filter and selection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LibraryVm {
    pub cards: Vec<Card>,
    pub problems: Vec<Problem>,
    /// Why the last request could not be met, e.g. an attempt that no longer replays.
    pub notice: Option<String>,
    pub search: String,
    pub difficulty: Option<Difficulty>,
    /// Index into the visible cards of the one the keyboard points at.
    pub selected: usize,
}

impl LibraryVm {
    /// The cards that pass the search and the filter, in library order.
    pub fn visible(&self) -> Vec<&Card> {
        self.cards
            .iter()
            .filter(|c| self.difficulty.is_none_or(|d| c.difficulty == d))
            .filter(|c| c.matches(&self.search))
            .collect()
    }

    /// Moves the selection, staying on the visible cards.
    pub fn select(&mut self, by: i32) {
        let last = self.visible().len().saturating_sub(1);
        let moved = i64::try_from(self.selected).unwrap_or(0) + i64::from(by);
        self.selected = usize::try_from(moved.max(0)).unwrap_or(0).min(last);
    }

    /// The id of the selected card, if any card is visible.
    pub fn selected_id(&self) -> Option<String> {
        self.visible().get(self.selected).map(|c| c.id.clone())
    }
}

const DIFFICULTIES: [Difficulty; 3] = [
    Difficulty::Introductory,
    Difficulty::Intermediate,
    Difficulty::Advanced,
];

/// Draws the library: the files that failed to load first, so an instructor sees them at
/// once, then the search and filter, then a card per scenario.
pub fn library_view(ui: &mut egui::Ui, vm: &mut LibraryVm) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("IPT Trainer");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(key_hint("Settings", "F2")).clicked() {
                action = Some(Action::OpenSettings);
            }
            if ui.button(key_hint("Progress", "H")).clicked() {
                action = Some(Action::ShowHistory);
            }
        });
    });
    ui.label(
        "Choose a client to begin a course of Interpersonal Psychotherapy. \
         Arrow keys move, Enter opens, D reviews the last finished attempt, H shows your \
         progress. A supervisor drops an attempt's record file on the window to review it.",
    );
    ui.add_space(8.0);
    if let Some(notice) = &vm.notice {
        super::warning(ui, notice);
        ui.add_space(8.0);
    }
    if !vm.problems.is_empty() {
        problems(ui, &vm.problems);
        ui.add_space(8.0);
    }
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        ui.add(
            egui::TextEdit::singleline(&mut vm.search)
                .hint_text("name, complaint...")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        ui.add_space(12.0);
        ui.label("Difficulty:");
        ui.selectable_value(&mut vm.difficulty, None, "All");
        for d in DIFFICULTIES {
            ui.selectable_value(&mut vm.difficulty, Some(d), format!("{d:?}"));
        }
    });
    ui.add_space(8.0);
    let visible = vm.visible();
    if visible.is_empty() {
        ui.weak("No client matches the search.");
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (i, card) in visible.iter().enumerate() {
            let selected = i == vm.selected;
            if let Some(asked) = card_view(ui, card, selected) {
                action = Some(asked);
            }
            ui.add_space(4.0);
        }
    });
    action
}

/// One card; what it was asked for: open it, or review its last attempt.
fn card_view(ui: &mut egui::Ui, card: &Card, selected: bool) -> Option<Action> {
    let stroke = if selected {
        ui.visuals().selection.stroke
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut asked = None;
            ui.horizontal(|ui| {
                if ui.button(&card.title).clicked() {
                    asked = Some(Action::Open(card.id.clone()));
                }
                ui.label(&card.client);
                ui.weak(format!("{:?}", card.difficulty));
            });
            ui.label(&card.complaint);
            let scores = match (card.best, card.last) {
                (Some(best), Some(last)) => {
                    format!("Best {best}%, last {last}% ({} finished)", card.finished)
                }
                _ if card.unfinished => "Not finished yet".to_owned(),
                _ => "Not attempted yet".to_owned(),
            };
            ui.horizontal(|ui| {
                ui.weak(scores);
                if card.unfinished {
                    ui.weak("· an unfinished attempt is saved");
                }
                if card.finished > 0 && ui.small_button("Review the last attempt").clicked() {
                    asked = Some(Action::Review(card.id.clone()));
                }
            });
            asked
        })
        .inner
}

fn problems(ui: &mut egui::Ui, problems: &[Problem]) {
    let error = ui.visuals().error_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, error))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let files = if problems.len() == 1 { "file" } else { "files" };
            ui.colored_label(
                error,
                format!("{} scenario {files} could not be loaded", problems.len()),
            );
            // A long list scrolls on its own, so the scenarios that did load stay in view.
            egui::ScrollArea::vertical()
                .id_salt("problems")
                .max_height(200.0)
                .show(ui, |ui| {
                    for problem in problems {
                        let place = format!("{}:{}", problem.file, problem.place);
                        ui.label(format!("{place}  {}", problem.message));
                    }
                });
            ui.weak("Run `ipt-trainer check FILE` for the full diagnostics.");
        });
}
