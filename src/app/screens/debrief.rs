//! The debrief screen: the scorecard, the rubric by phase, the annotated transcript, and the
//! rubric rated three ways with the export. Keys 1 to 4 or the arrows move between the sections,
//! Esc goes back to the library. When the trainee rates themselves first (a setting), the
//! screen asks for the self-rating before it shows any score; Enter then shows it.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, digit, go, shortcut_keys, show_view};
use crate::app::view_models::{debrief_vm, rating_rows};
use crate::app::views::Action;
use crate::app::views::debrief::{Section, debrief_view};
use crate::app::views::review::{RatingRow, self_rating_view};
use crate::app::{Asked, Course, DataDir, Focus, Screen};
use crate::files::{Replace, write_atomic};
use crate::report::{self, Export};
use crate::session::attempt::Attempt;
use crate::supervision::review::{self, Review};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Showing>()
        .init_resource::<Supervision>()
        .add_systems(OnEnter(Screen::Debrief), (show_summary, load_review));
    add_screen(app, Screen::Debrief, read_keys, apply_actions, draw_debrief);
}

/// The section of the debrief on screen.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Showing(pub Section);

/// The attempt's review (self-rating, supervisor's ratings), read on entering the debrief; the
/// self-rating being made; and what the last export (or a failed save of the self-rating) said.
#[derive(Resource, Debug, Default)]
pub struct Supervision {
    pub review: Option<Review>,
    pub self_rows: Vec<RatingRow>,
    pub notice: Option<String>,
}

fn show_summary(mut showing: ResMut<Showing>) {
    showing.0 = Section::Summary;
}

fn load_review(course: Res<Course>, mut supervision: ResMut<Supervision>) {
    let attempt = course.attempt.as_ref();
    let review = attempt.and_then(|a| {
        let path = a.saved_at.as_deref()?;
        review::load(path, &a.record).ok().flatten()
    });
    let card = attempt.map(|a| a.engine.scorecard());
    *supervision = Supervision {
        self_rows: card
            .map(|c| rating_rows(&c, review.as_ref()))
            .unwrap_or_default(),
        review,
        notice: None,
    };
}

fn draw_debrief(
    mut contexts: EguiContexts,
    course: Res<Course>,
    showing: Res<Showing>,
    mut supervision: ResMut<Supervision>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(attempt) = &course.attempt else {
        return Ok(());
    };
    let action = if course.self_rate_pending {
        let mut rows = supervision.self_rows.clone();
        let action = show_view(&mut contexts, true, |ui| self_rating_view(ui, &mut rows))?;
        if rows != supervision.self_rows {
            supervision.self_rows = rows;
        }
        action
    } else {
        let vm = debrief_vm(
            attempt,
            showing.0,
            supervision.review.as_ref(),
            supervision.notice.clone(),
        );
        show_view(&mut contexts, true, |ui| debrief_view(ui, &vm))?
    };
    ask(&mut out, Screen::Debrief, action);
    Ok(())
}

fn read_keys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<Focus>,
    showing: Res<Showing>,
    course: Res<Course>,
    mut out: MessageWriter<Asked>,
) {
    if course.self_rate_pending {
        let see = shortcut_keys(&keys, *focus)
            .into_iter()
            .filter(|k| *k == KeyCode::Enter)
            .map(|_| Action::SeeScore);
        ask(&mut out, Screen::Debrief, see);
        return;
    }
    let at = Section::ALL
        .iter()
        .position(|s| *s == showing.0)
        .unwrap_or(0);
    let section = |i: usize| Section::ALL.get(i).copied().map(Action::ShowSection);
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::Escape => Some(Action::Back),
            KeyCode::ArrowLeft => section(at.saturating_sub(1)),
            KeyCode::ArrowRight => section(at + 1),
            key => digit(key).and_then(|n| section(n - 1)),
        });
    ask(&mut out, Screen::Debrief, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut showing: ResMut<Showing>,
    mut course: ResMut<Course>,
    mut supervision: ResMut<Supervision>,
    data: Res<DataDir>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Debrief) {
        match action {
            Action::ShowSection(section) => showing.0 = section,
            Action::SeeScore => {
                if let Some(attempt) = &course.attempt {
                    supervision.notice = keep_self_rating(attempt, &mut supervision).err();
                }
                course.self_rate_pending = false;
            }
            Action::Export(format) => {
                if let Some(attempt) = &course.attempt {
                    let written = export(attempt, supervision.review.as_ref(), format, &data);
                    supervision.notice = Some(written.unwrap_or_else(|e| e));
                }
            }
            Action::Back if !course.self_rate_pending => go(&mut next, Screen::Library),
            _ => {}
        }
    }
}

/// Saves the self-rating in the attempt's review. The score is shown whatever happens: a
/// failure is reported, never a reason to hold the debrief back.
fn keep_self_rating(attempt: &Attempt, supervision: &mut Supervision) -> Result<(), String> {
    let mut kept = supervision
        .review
        .clone()
        .unwrap_or_else(|| Review::of(&attempt.record));
    kept.self_ratings = supervision
        .self_rows
        .iter()
        .filter_map(|r| Some((r.item.clone(), r.trainee?)))
        .collect();
    supervision.review = Some(kept.clone());
    let path = attempt
        .saved_at
        .as_deref()
        .ok_or("Your self-rating is shown here but was not saved: the attempt was not saved.")?;
    review::save(path, &kept)
        .map(|_| ())
        .map_err(|e| format!("Your self-rating could not be saved: {e}"))
}

/// Writes the attempt's report into the data folder's `reports/`; says where, or why not.
fn export(
    attempt: &Attempt,
    review: Option<&Review>,
    format: Export,
    data: &DataDir,
) -> Result<String, String> {
    let folder = data
        .0
        .as_deref()
        .ok_or("There is no data folder to export into (see --data-dir).")?
        .join("reports");
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("Could not create {}: {e}", folder.display()))?;
    let scenario = Arc::clone(attempt.engine.scenario_arc());
    let built = report::attempt::build(scenario, &attempt.record, review);
    let path = folder.join(format!("{}.{}", attempt.record.id, format.extension()));
    write_atomic(&path, &format.attempt(&built), Replace::Allowed)
        .map_err(|e| format!("Could not write {}: {e}", path.display()))?;
    Ok(format!("Exported to {}", path.display()))
}
