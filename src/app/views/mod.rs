//! egui views: plain functions over plain view-models, with no Bevy types, so that they can be
//! tested with egui_kittest. A view draws and returns what the trainee asked for as an
//! [`Action`]; the screen's Bevy system applies it.

pub mod briefing;
pub mod debrief;
pub mod feedback;
pub mod formulation;
pub mod history;
pub mod library;
pub mod review;
pub mod session;
pub mod settings;

use bevy_egui::egui;

use crate::scenario::model::ProblemArea;
use crate::session::engine::Mode;

/// Everything a trainee can ask for, by mouse or keyboard. Views return these; the keyboard
/// systems send the same ones, so both paths go through one piece of code.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Library: open the briefing of the scenario with this id.
    Open(String),
    /// Library: move the keyboard selection by this many cards.
    Select(i32),
    /// Open the selected card.
    OpenSelected,
    /// Library: the debrief of the last finished attempt at the scenario with this id.
    Review(String),
    /// The same for the selected card.
    ReviewSelected,
    /// Briefing: the mode of the next attempt.
    SetMode(Mode),
    /// Briefing: begin a new attempt.
    Start,
    /// Briefing: continue the unfinished attempt.
    Resume,
    /// Session: show the options after writing first.
    Reveal,
    /// Session: choose the option at this index of the list shown.
    Choose(usize),
    /// Formulation: choose a problem area.
    PickArea(ProblemArea),
    /// Formulation: tick or untick the statement at this index.
    Tick(usize),
    /// Formulation: commit to the area and the ticked statements.
    Formulate,
    /// Feedback: go on with the course.
    Continue,
    /// Debrief: show a section.
    ShowSection(debrief::Section),
    /// Open the settings.
    OpenSettings,
    /// Settings: text size as a zoom factor.
    SetTextSize(f32),
    SetHighContrast(bool),
    SetDefaultMode(Mode),
    SetWriteFirst(bool),
    /// Settings: rate yourself before the debrief shows the score.
    SetSelfRateFirst(bool),
    /// Open the history of attempts, with what to practise next.
    ShowHistory,
    /// History: review the attempt with this id.
    ReviewAttempt(String),
    /// Review: move this many decisions (`i32::MAX`: to the whole attempt).
    Step(i32),
    /// Review: save the comments and ratings now.
    SaveReview,
    /// Debrief: the trainee has rated themselves; show the score.
    SeeScore,
    /// Debrief: export the attempt's report in this format.
    Export(crate::report::Export),
    /// Back to the library (from a course, it stays saved and resumable).
    Back,
}

/// A shortcut hint beside a button label, e.g. "Start (Enter)".
pub fn key_hint(label: &str, key: &str) -> String {
    format!("{label}  ({key})")
}

/// A row of a heading and a Back button, which most screens share.
pub fn title_bar(ui: &mut egui::Ui, title: &str, back: &str) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        if ui.button(key_hint(back, "Esc")).clicked() {
            action = Some(Action::Back);
        }
        ui.heading(title);
    });
    ui.separator();
    action
}

/// A warning strip, e.g. when an attempt could not be saved.
pub fn warning(ui: &mut egui::Ui, text: &str) {
    let color = ui.visuals().warn_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.colored_label(color, text);
        });
}

/// The colour of something earned or passed; the theme's error colour marks the opposite.
pub fn good_color(visuals: &egui::Visuals) -> egui::Color32 {
    if visuals.dark_mode {
        egui::Color32::from_rgb(130, 230, 150)
    } else {
        egui::Color32::from_rgb(20, 120, 60)
    }
}

/// "initial phase" as a heading or a choice: "Initial phase".
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Names a mode as the trainee reads it.
pub fn mode_label(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "Practice: feedback after every choice",
        Mode::Assessment => "Assessment: feedback at the debrief",
    }
}
