//! The library screen: every loaded scenario as a card with its best and last score, and
//! every file that failed to load. Arrow keys move, Enter opens, F2 opens the settings.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, go, shortcut_keys, show_view};
use crate::app::view_models::library_vm;
use crate::app::views::Action;
use crate::app::views::library::{LibraryVm, library_view};
use crate::app::{Asked, Course, DataDir, Focus, Scenarios, Screen};
use crate::scenario::model::Scenario;
use crate::session::attempt::Attempt;
use crate::session::store;
use std::path::Path;
use std::sync::Arc;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Library>().add_systems(
        OnEnter(Screen::Library),
        (close_saved_attempt, build_library),
    );
    add_screen(app, Screen::Library, read_keys, apply_actions, draw_library);
}

/// The library's view-model, rebuilt on entering the screen (scores change after an attempt)
/// rather than on every frame. The search, filter and selection survive the rebuild.
#[derive(Resource, Default)]
pub struct Library(pub LibraryVm);

/// Back in the library, a saved attempt is closed, which lets another window open it. One whose
/// last save failed stays open here, so that nothing the trainee did is dropped.
fn close_saved_attempt(mut course: ResMut<Course>) {
    if course.attempt.as_ref().is_some_and(|a| a.unsaved.is_none()) {
        course.attempt = None;
    }
}

fn build_library(mut library: ResMut<Library>, scenarios: Res<Scenarios>, data: Res<DataDir>) {
    let records: Vec<_> = data
        .0
        .as_deref()
        .map(store::all)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, record)| record)
        .collect();
    let old = std::mem::take(&mut library.0);
    library.0 = LibraryVm {
        search: old.search,
        difficulty: old.difficulty,
        selected: old.selected,
        ..library_vm(&scenarios.0, &records)
    };
    library.0.select(0);
}

fn draw_library(
    mut contexts: EguiContexts,
    mut library: ResMut<Library>,
    mut out: MessageWriter<Asked>,
) -> Result {
    // Only a real edit (search, filter) marks the view-model changed.
    let mut vm = library.0.clone();
    let action = show_view(&mut contexts, true, |ui| library_view(ui, &mut vm))?;
    if vm != library.0 {
        library.0 = vm;
        library.0.select(0);
    }
    ask(&mut out, Screen::Library, action);
    Ok(())
}

fn read_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<Focus>, mut out: MessageWriter<Asked>) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::ArrowUp => Some(Action::Select(-1)),
            KeyCode::ArrowDown => Some(Action::Select(1)),
            KeyCode::Enter => Some(Action::OpenSelected),
            KeyCode::KeyD => Some(Action::ReviewSelected),
            KeyCode::KeyH => Some(Action::ShowHistory),
            _ => None,
        });
    ask(&mut out, Screen::Library, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut library: ResMut<Library>,
    scenarios: Res<Scenarios>,
    data: Res<DataDir>,
    mut course: ResMut<Course>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Library) {
        let (id, review) = match action {
            Action::Select(by) => {
                library.0.select(by);
                continue;
            }
            Action::ShowHistory => {
                go(&mut next, Screen::History);
                continue;
            }
            Action::Open(id) => (Some(id), false),
            Action::OpenSelected => (library.0.selected_id(), false),
            Action::Review(id) => (Some(id), true),
            Action::ReviewSelected => (library.0.selected_id(), true),
            _ => continue,
        };
        let Some(scenario) = id.and_then(|id| scenarios.find(&id)) else {
            continue;
        };
        let scenario = Arc::new(scenario.clone());
        if !review {
            *course = Course {
                scenario: Some(scenario),
                ..Course::default()
            };
            go(&mut next, Screen::Briefing);
            continue;
        }
        match last_finished(&scenario, data.0.as_deref()) {
            Ok(attempt) => {
                library.0.notice = None;
                *course = Course {
                    scenario: Some(scenario),
                    attempt: Some(attempt),
                    ..Course::default()
                };
                go(&mut next, Screen::Debrief);
            }
            Err(notice) => library.0.notice = Some(notice),
        }
    }
}

/// The last finished attempt at a scenario, replayed for its debrief.
fn last_finished(scenario: &Arc<Scenario>, data: Option<&Path>) -> Result<Attempt, String> {
    let (path, record) = data
        .and_then(|data| store::last_finished(data, &scenario.id))
        .ok_or_else(|| format!("No finished attempt at \"{}\" yet.", scenario.title))?;
    Attempt::review(Arc::clone(scenario), record, Some(path)).map_err(|e| {
        format!(
            "The last attempt at \"{}\" cannot be shown: {e}",
            scenario.title
        )
    })
}
