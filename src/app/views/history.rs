//! The history view: every finished attempt over time, each headline skill plotted attempt by
//! attempt with the pass line, how the trainee's self-ratings agree with the supervisor's (a
//! dashed line), a filter by scenario, a
//! table to open any attempt for review, and what to practise next with why.

use bevy_egui::egui;
use egui_plot::{HLine, HoverPosition, Legend, Line, Plot, PlotPoints, Points};

use super::Action;
use crate::scoring::pass::HEADLINE_PASS_PERCENT;

/// One finished attempt, as the history lists and plots it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub id: String,
    pub scenario: String,
    /// "2026-11-27 21:40 UTC"
    pub date: String,
    pub client: String,
    pub mode: String,
    pub verdict: String,
    pub passed: bool,
    pub percent: u8,
    /// Problem area, sick role and termination, when the course assessed them.
    pub headlines: [Option<u8>; 3],
    /// How closely the self-rating agreed, in percent.
    pub calibration: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryVm {
    pub rows: Vec<HistoryRow>,
    /// The scenarios attempted, to filter by: (id, client's name).
    pub scenarios: Vec<(String, String)>,
    /// The scenario shown, or every one (edited in place).
    pub filter: Option<String>,
    /// The course to practise next, its title, and why.
    pub next: Option<(String, String, String)>,
    pub problem: Option<String>,
}

impl HistoryVm {
    /// The rows the filter lets through.
    pub fn shown(&self) -> impl Iterator<Item = &HistoryRow> {
        self.rows
            .iter()
            .filter(|r| self.filter.as_ref().is_none_or(|f| *f == r.scenario))
    }
}

const SKILLS: [(&str, egui::Color32); 3] = [
    ("Problem area", egui::Color32::from_rgb(70, 130, 200)),
    ("Sick role", egui::Color32::from_rgb(220, 160, 30)),
    ("Termination", egui::Color32::from_rgb(60, 170, 100)),
];

pub fn history_view(ui: &mut egui::Ui, vm: &mut HistoryVm) -> Option<Action> {
    let mut action = super::title_bar(ui, "Your progress", "Library");
    if let Some(problem) = &vm.problem {
        super::warning(ui, problem);
    }
    if let Some((id, title, why)) = &vm.next {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.strong(format!("Practise next: {title}"));
                if ui.button(super::key_hint("Open it", "N")).clicked() {
                    action = Some(Action::Open(id.clone()));
                }
            });
            ui.label(why);
        });
    }
    if vm.rows.is_empty() {
        ui.label("No finished attempts yet: your scores appear here after your first course.");
        return action;
    }
    ui.horizontal(|ui| {
        ui.label("Show:");
        let current = vm
            .filter
            .as_ref()
            .and_then(|f| vm.scenarios.iter().find(|(id, _)| id == f))
            .map_or("every client".to_owned(), |(_, name)| name.clone());
        egui::ComboBox::from_id_salt("history-filter")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut vm.filter, None, "every client");
                for (id, name) in &vm.scenarios {
                    ui.selectable_value(&mut vm.filter, Some(id.clone()), name);
                }
            });
    });
    let rows: Vec<HistoryRow> = vm.shown().cloned().collect();
    // Hovering a point names its attempt: the client, mode and verdict.
    let hovered = rows.clone();
    Plot::new("history-plot")
        .label_formatter(move |at| match at {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let row = hovered.get((position.x.round() as usize).checked_sub(1)?)?;
                Some(format!(
                    "{plot_name}: {:.0}%\n{}, {} ({}, {} {}%)",
                    position.y, row.client, row.date, row.mode, row.verdict, row.percent
                ))
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .height(220.0)
        .include_y(0.0)
        .include_y(100.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_label("attempt")
        .include_x(0.5)
        .include_x(rows.len() as f64 + 0.5)
        // Attempts are counted: no ticks between them.
        .x_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 && mark.value >= 1.0 {
                format!("{}", mark.value)
            } else {
                String::new()
            }
        })
        .y_axis_label("%")
        .legend(Legend::default())
        .show(ui, |plot| {
            plot.hline(
                HLine::new("pass line", f64::from(HEADLINE_PASS_PERCENT))
                    .color(egui::Color32::GRAY),
            );
            for (i, (label, colour)) in SKILLS.iter().enumerate() {
                let series: Vec<[f64; 2]> = rows
                    .iter()
                    .enumerate()
                    .filter_map(|(n, r)| Some([(n + 1) as f64, f64::from(r.headlines[i]?)]))
                    .collect();
                plot.line(
                    Line::new(*label, PlotPoints::from(series.clone()))
                        .color(*colour)
                        .width(2.0),
                );
                plot.points(
                    Points::new(*label, PlotPoints::from(series))
                        .color(*colour)
                        .radius(3.5),
                );
            }
            // How the self-ratings converge on the supervisor's (or the app's).
            let agreement: Vec<[f64; 2]> = rows
                .iter()
                .enumerate()
                .filter_map(|(n, r)| Some([(n + 1) as f64, f64::from(r.calibration?)]))
                .collect();
            if !agreement.is_empty() {
                plot.line(
                    Line::new("self-rating agreement", PlotPoints::from(agreement))
                        .color(egui::Color32::from_rgb(150, 110, 190))
                        .style(egui_plot::LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
        });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("history-rows")
                .striped(true)
                .num_columns(9)
                .show(ui, |ui| {
                    for head in [
                        "#",
                        "date",
                        "client",
                        "mode",
                        "verdict",
                        "problem area",
                        "sick role",
                        "termination",
                        "self-rating",
                    ] {
                        ui.strong(head);
                    }
                    ui.strong("");
                    ui.end_row();
                    let good = super::good_color(ui.visuals());
                    for (n, row) in rows.iter().enumerate() {
                        ui.label((n + 1).to_string());
                        ui.label(&row.date);
                        ui.label(&row.client);
                        ui.label(&row.mode);
                        let colour = if row.passed {
                            good
                        } else {
                            ui.visuals().error_fg_color
                        };
                        ui.colored_label(colour, format!("{} {}%", row.verdict, row.percent));
                        for skill in row.headlines {
                            ui.label(skill.map_or("–".to_owned(), |p| format!("{p}%")));
                        }
                        ui.label(
                            row.calibration
                                .map_or("–".to_owned(), |p| format!("{p}% agree")),
                        );
                        if ui.button("Review").clicked() {
                            action = Some(Action::ReviewAttempt(row.id.clone()));
                        }
                        ui.end_row();
                    }
                });
        });
    action
}
