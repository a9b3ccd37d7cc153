//! The debrief view: the three headline skills and the overall score, the rubric table by
//! phase with the evidence for each item, and the transcript annotated where points were
//! earned or lost, and the rubric rated three ways with the export. Four sections, moved
//! through with tabs or keys 1 to 4.

use bevy_egui::egui;

use super::feedback::Mark;
use super::review::RatingRow;
use super::session::{Bubble, Speaker};
use super::{Action, key_hint};
use crate::report::Export;
use crate::scoring::Rating;

/// A part of the debrief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Summary,
    Rubric,
    Transcript,
    Ratings,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Summary,
        Section::Rubric,
        Section::Transcript,
        Section::Ratings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Summary => "Summary",
            Section::Rubric => "Rubric by phase",
            Section::Transcript => "Annotated transcript",
            Section::Ratings => "Ratings and export",
        }
    }
}

/// A gate of the pass rule, met or not, with what it asks (the reports' own row).
pub use crate::report::attempt::GateRow;

/// One piece of evidence for a rubric item.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceLine {
    /// "Session 2, you said: ...: done (+2)"
    pub text: String,
    pub why: Option<String>,
    pub expert: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub title: String,
    /// What a supervisor looks for.
    pub earns: String,
    pub points: i64,
    pub rating: String,
    pub evidence: Vec<EvidenceLine>,
}

/// The items of one phase (or of the safety and proscribed groups).
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseGroup {
    pub label: String,
    pub items: Vec<ItemRow>,
}

/// A transcript line with what it earned or lost.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotatedLine {
    pub bubble: Bubble,
    pub marks: Vec<Mark>,
    pub rationale: Option<String>,
    pub expert: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DebriefVm {
    pub title: String,
    /// The client's first name, for the transcript.
    pub client: String,
    /// "PASS" or "NOT YET"
    pub verdict: String,
    pub passed: bool,
    /// "82% overall (41 of 50 points)"
    pub overall: String,
    /// Every gate of the pass rule, met or not.
    pub gates: Vec<GateRow>,
    /// Said when the attempt was first scored under older scoring rules.
    pub rescored: Option<String>,
    /// The course ended early, or the attempt is unfinished.
    pub ending: String,
    /// The items not fully done or marked down, weakest first: "Sick role: responsibility
    /// (not done)".
    pub to_work_on: Vec<String>,
    pub groups: Vec<PhaseGroup>,
    pub transcript: Vec<AnnotatedLine>,
    pub section: Section,
    /// Where the attempt record was saved, for the supervisor.
    pub saved: Option<String>,
    /// Why the last save failed, if it did.
    pub unsaved: Option<String>,
    /// The rubric rated three ways: the app, the trainee's self-rating and the supervisor's.
    pub ratings: Vec<RatingRow>,
    pub calibration: Option<String>,
    /// Where the last export was written, or why it (or saving the self-rating) failed.
    pub notice: Option<String>,
}

pub fn debrief_view(ui: &mut egui::Ui, vm: &DebriefVm) -> Option<Action> {
    let mut action = super::title_bar(ui, &format!("Debrief: {}", vm.title), "Library");
    ui.horizontal(|ui| {
        for (i, section) in Section::ALL.into_iter().enumerate() {
            let label = key_hint(section.label(), &(i + 1).to_string());
            if ui.selectable_label(vm.section == section, label).clicked() {
                action = Some(Action::ShowSection(section));
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match vm.section {
            Section::Summary => summary(ui, vm),
            Section::Rubric => rubric(ui, &vm.groups),
            Section::Transcript => transcript(ui, &vm.client, &vm.transcript),
            Section::Ratings => {
                if let Some(asked) = ratings(ui, vm) {
                    action = Some(asked);
                }
            }
        });
    action
}

fn ratings(ui: &mut egui::Ui, vm: &DebriefVm) -> Option<Action> {
    let mut action = None;
    ui.strong("Export this attempt for your supervisor");
    ui.horizontal(|ui| {
        for (format, label) in [
            (Export::Html, "HTML (prints on A4)"),
            (Export::Md, "Markdown"),
            (Export::Json, "JSON"),
        ] {
            if ui.button(label).clicked() {
                action = Some(Action::Export(format));
            }
        }
    });
    if let Some(notice) = &vm.notice {
        ui.weak(notice);
    }
    ui.add_space(12.0);
    ui.strong("The rubric, rated three ways");
    ui.weak(
        "The app's rating from the evidence, your own, and your supervisor's once they have \
         reviewed the attempt. \u{25cf} marks where they differ.",
    );
    if let Some(calibration) = &vm.calibration {
        ui.label(calibration);
    }
    egui::Grid::new("three-way")
        .num_columns(5)
        .striped(true)
        .show(ui, |ui| {
            for head in ["", "item", "app", "self", "supervisor"] {
                ui.strong(head);
            }
            ui.end_row();
            for row in &vm.ratings {
                ui.label(if row.disagree() { "\u{25cf}" } else { "" });
                ui.label(&row.title);
                ui.label(row.app.label());
                ui.label(row.trainee.map_or("–", Rating::label));
                ui.label(row.supervisor.map_or("–", Rating::label));
                ui.end_row();
            }
        });
    action
}

fn good_or_bad(ui: &egui::Ui, good: bool) -> egui::Color32 {
    if good {
        super::good_color(ui.visuals())
    } else {
        ui.visuals().error_fg_color
    }
}

fn summary(ui: &mut egui::Ui, vm: &DebriefVm) {
    ui.horizontal(|ui| {
        ui.heading(egui::RichText::new(&vm.verdict).color(good_or_bad(ui, vm.passed)));
        ui.heading(&vm.overall);
    });
    ui.label(&vm.ending);
    if let Some(rescored) = &vm.rescored {
        ui.weak(rescored);
    }
    ui.add_space(12.0);
    // The pass rule, gate by gate: the overall score, the three core skills, safety and
    // adherence, each with its figures and what it asks.
    ui.strong("What a pass takes");
    egui::Grid::new("gates")
        .num_columns(3)
        .spacing([16.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for gate in &vm.gates {
                ui.label(&gate.label);
                ui.colored_label(
                    good_or_bad(ui, gate.passed),
                    if gate.passed { "met" } else { "not met" },
                );
                ui.vertical(|ui| {
                    ui.set_max_width(640.0);
                    ui.label(&gate.detail);
                    ui.weak(format!("Needs {}.", gate.rule));
                });
                ui.end_row();
            }
        });
    if !vm.to_work_on.is_empty() {
        ui.add_space(12.0);
        ui.strong("To work on");
        for item in &vm.to_work_on {
            ui.label(format!("• {item}"));
        }
        ui.weak("The rubric (2) shows the evidence; the transcript (3) shows where.");
    }
    if let Some(text) = &vm.unsaved {
        ui.add_space(12.0);
        super::warning(ui, text);
    }
    if let Some(saved) = &vm.saved {
        ui.add_space(12.0);
        ui.weak(format!("The attempt is saved for your supervisor: {saved}"));
    }
}

fn rubric(ui: &mut egui::Ui, groups: &[PhaseGroup]) {
    for group in groups {
        ui.add_space(8.0);
        ui.heading(&group.label);
        egui::Grid::new(("rubric", &group.label))
            .num_columns(4)
            .spacing([16.0, 6.0])
            .striped(true)
            .min_col_width(60.0)
            .show(ui, |ui| {
                for item in &group.items {
                    ui.vertical(|ui| {
                        ui.set_max_width(260.0);
                        ui.strong(&item.title);
                        ui.weak(&item.earns);
                    });
                    ui.label(format!("{:+}", item.points));
                    ui.label(&item.rating);
                    ui.vertical(|ui| {
                        ui.set_max_width(520.0);
                        if item.evidence.is_empty() {
                            ui.weak("No evidence in this attempt.");
                        }
                        for line in &item.evidence {
                            ui.label(&line.text);
                            if let Some(why) = &line.why {
                                ui.weak(format!("Why: {why}"));
                            }
                            if let Some(expert) = &line.expert {
                                ui.weak(format!("An expert might say: {expert}"));
                            }
                        }
                    });
                    ui.end_row();
                }
            });
    }
}

fn transcript(ui: &mut egui::Ui, client: &str, lines: &[AnnotatedLine]) {
    for line in lines {
        match line.bubble.speaker {
            Speaker::Note => {
                ui.add_space(4.0);
                ui.weak(&line.bubble.text);
            }
            Speaker::Client | Speaker::Trainee => {
                let who = match line.bubble.speaker {
                    Speaker::Client => line.bubble.who.as_deref().unwrap_or(client),
                    _ => "You",
                };
                ui.horizontal_wrapped(|ui| {
                    ui.strong(format!("{who}:"));
                    ui.label(&line.bubble.text);
                });
                for mark in &line.marks {
                    ui.horizontal(|ui| {
                        ui.add_space(24.0);
                        ui.colored_label(good_or_bad(ui, mark.good), &mark.verdict);
                        ui.label(&mark.item);
                    });
                }
                if let Some(why) = &line.rationale
                    && !line.marks.is_empty()
                {
                    ui.horizontal_wrapped(|ui| {
                        ui.add_space(24.0);
                        ui.weak(format!("Why: {why}"));
                    });
                }
                if let Some(expert) = &line.expert {
                    ui.horizontal_wrapped(|ui| {
                        ui.add_space(24.0);
                        ui.weak(format!("An expert might say: {expert}"));
                    });
                }
            }
        }
    }
}
