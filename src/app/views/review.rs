//! The review view: a supervisor steps through an attempt decision by decision (what the client
//! had said, every option in the order shown, the choice and what the trainee first wrote, the
//! time taken, what it earned and why, the expert alternative) and writes a comment on any of
//! them; the last page is the whole attempt, with an overall comment and the supervisor's rating
//! of every rubric item beside the app's and the trainee's own.

use bevy_egui::egui;

use super::feedback::Mark;
use super::{Action, key_hint, warning};
use crate::scoring::Rating;

/// The four ratings a supervisor (or the trainee) can give an item, in the order offered.
pub const RATINGS: [Rating; 4] = [
    Rating::NotDone,
    Rating::Partial,
    Rating::Done,
    Rating::MarkedDown,
];

/// One option as it was offered.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferedLine {
    pub text: String,
    pub chosen: bool,
    pub expert: bool,
}

/// One decision as the supervisor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionCard {
    /// "Decision 4 of 33 · session 2, initial phase · 12 s"
    pub heading: String,
    /// Who said what before it ("" for a note such as a session's start).
    pub context: Vec<(String, String)>,
    pub prompt: String,
    pub options: Vec<OfferedLine>,
    /// A formulation: the area chosen and how many statements were ticked.
    pub formulation: Option<String>,
    pub written: Option<String>,
    pub marks: Vec<Mark>,
    pub rationale: Option<String>,
    pub expert: Option<String>,
}

/// One rubric item rated three ways (the core's own row); the supervisor's rating, or in the
/// self-rating the trainee's, is edited in place.
pub use crate::supervision::review::ItemRatings as RatingRow;

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewVm {
    pub title: String,
    /// "Trainee: Sam · 2026-11-27 21:40 UTC · practice · NOT YET, 54%"
    pub about: String,
    /// The decision shown (the whole attempt after the last one).
    pub page: usize,
    pub decisions: usize,
    pub decision: Option<DecisionCard>,
    /// The comment on the decision shown (edited in place).
    pub comment: String,
    /// The comment on the whole attempt (edited in place).
    pub overall: String,
    /// The supervisor's name (edited in place).
    pub supervisor: String,
    pub ratings: Vec<RatingRow>,
    /// "Self-rating agrees with the supervisor on 9 of 12 items."
    pub calibration: Option<String>,
    /// Where the review is saved, or that there are unsaved changes.
    pub status: String,
    /// Why the review could not be saved or the attempt not replayed, if so.
    pub problem: Option<String>,
}

impl ReviewVm {
    pub fn on_whole_attempt(&self) -> bool {
        self.page >= self.decisions
    }
}

pub fn review_view(ui: &mut egui::Ui, vm: &mut ReviewVm) -> Option<Action> {
    let mut action = super::title_bar(ui, &vm.title, "Back");
    ui.label(&vm.about);
    if let Some(problem) = &vm.problem {
        warning(ui, problem);
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(vm.page > 0, egui::Button::new(key_hint("Previous", "PgUp")))
            .clicked()
        {
            action = Some(Action::Step(-1));
        }
        let place = if vm.on_whole_attempt() {
            "The whole attempt".to_owned()
        } else {
            format!("Decision {} of {}", vm.page + 1, vm.decisions)
        };
        ui.strong(place);
        if ui
            .add_enabled(
                !vm.on_whole_attempt(),
                egui::Button::new(key_hint("Next", "PgDn")),
            )
            .clicked()
        {
            action = Some(Action::Step(1));
        }
        if ui.button("The whole attempt").clicked() {
            action = Some(Action::Step(i32::MAX));
        }
        if ui.button(key_hint("Save", "Ctrl+S")).clicked() {
            action = Some(Action::SaveReview);
        }
        ui.weak(&vm.status);
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match vm.decision.clone() {
            Some(card) => decision(ui, &card, &mut vm.comment),
            None => whole_attempt(ui, vm),
        });
    action
}

fn decision(ui: &mut egui::Ui, card: &DecisionCard, comment: &mut String) {
    ui.strong(&card.heading);
    for (who, text) in &card.context {
        if who.is_empty() {
            ui.label(egui::RichText::new(text).italics());
        } else {
            ui.label(format!("{who}: {text}"));
        }
    }
    ui.add_space(6.0);
    ui.label(egui::RichText::new(&card.prompt).italics());
    if let Some(written) = &card.written {
        ui.label(format!(
            "The trainee first wrote: \u{201c}{written}\u{201d}"
        ));
    }
    let good = super::good_color(ui.visuals());
    for (i, option) in card.options.iter().enumerate() {
        let mut tags = Vec::new();
        if option.chosen {
            tags.push("chosen");
        }
        if option.expert {
            tags.push("expert");
        }
        let tag = if tags.is_empty() {
            String::new()
        } else {
            format!("   [{}]", tags.join(", "))
        };
        let text = egui::RichText::new(format!("{}. {}{tag}", i + 1, option.text));
        let text = match (option.chosen, option.expert) {
            (true, _) => text.strong(),
            (false, true) => text.color(good),
            _ => text,
        };
        ui.label(text);
    }
    if let Some(formulation) = &card.formulation {
        ui.strong(formulation);
    }
    ui.add_space(6.0);
    for mark in &card.marks {
        let color = if mark.good {
            good
        } else {
            ui.visuals().error_fg_color
        };
        ui.colored_label(color, format!("{}: {}", mark.item, mark.verdict));
    }
    if let Some(why) = &card.rationale {
        ui.label(format!("Why: {why}"));
    }
    if let Some(expert) = &card.expert {
        ui.label(format!(
            "An expert might have said: \u{201c}{expert}\u{201d}"
        ));
    }
    ui.add_space(8.0);
    ui.label("Your comment on this decision:");
    ui.add(
        egui::TextEdit::multiline(comment)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .hint_text("What you would say to the trainee about this choice"),
    );
}

fn whole_attempt(ui: &mut egui::Ui, vm: &mut ReviewVm) {
    ui.horizontal(|ui| {
        ui.label("Supervisor:");
        ui.add(
            egui::TextEdit::singleline(&mut vm.supervisor)
                .hint_text("Your name, as reports show it"),
        );
    });
    ui.label("Your comment on the whole attempt:");
    ui.add(
        egui::TextEdit::multiline(&mut vm.overall)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    );
    ui.add_space(8.0);
    ui.heading("The rubric, rated three ways");
    ui.label(
        "Rate each item on the app's scale. Rows where the ratings differ are marked \u{25cf}.",
    );
    if let Some(calibration) = &vm.calibration {
        ui.label(calibration);
    }
    ratings_grid(ui, &mut vm.ratings, true);
}

/// The rubric items with the app's, the trainee's and the supervisor's ratings; `supervising`
/// makes the supervisor's editable (else the trainee's, for the self-rating).
pub fn ratings_grid(ui: &mut egui::Ui, rows: &mut [RatingRow], supervising: bool) {
    egui::Grid::new("ratings")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            ui.strong("");
            ui.strong("item");
            if supervising {
                ui.strong("app");
                ui.strong("self");
                ui.strong("supervisor");
            } else {
                ui.strong("your rating");
            }
            ui.end_row();
            for row in rows.iter_mut() {
                ui.label(if supervising && row.disagree() {
                    "\u{25cf}"
                } else {
                    ""
                });
                ui.label(&row.title);
                let target = if supervising {
                    ui.label(row.app.label());
                    ui.label(row.trainee.map_or("–", Rating::label));
                    &mut row.supervisor
                } else {
                    &mut row.trainee
                };
                ui.horizontal(|ui| {
                    for rating in RATINGS {
                        let on = *target == Some(rating);
                        if ui.selectable_label(on, rating.label()).clicked() {
                            *target = if on { None } else { Some(rating) };
                        }
                    }
                });
                ui.end_row();
            }
        });
}

/// The self-rating, asked before the debrief shows the score: every rubric item, rated on the
/// app's scale (a trainee who leaves one unrated says they cannot tell).
pub fn self_rating_view(ui: &mut egui::Ui, rows: &mut [RatingRow]) -> Option<Action> {
    let mut action = None;
    ui.heading("Before you see your score: rate yourself");
    ui.label(
        "How would a supervisor rate what you did on each item? Rating yourself first, then \
         comparing, is how IPT supervision teaches you to judge your own work.",
    );
    ui.add_space(8.0);
    if ui.button(key_hint("See my score", "Enter")).clicked() {
        action = Some(Action::SeeScore);
    }
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| ratings_grid(ui, rows, false));
    action
}
