//! The library screen: every loaded scenario as a card with its best and last score, and
//! every file that failed to load. Arrow keys move, Enter opens, F2 opens the settings.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, go, shortcut_keys, show_view};
use crate::app::view_models::library_vm;
use crate::app::views::Action;
use crate::app::views::library::{LibraryVm, library_view};
use crate::app::{Asked, Course, DataDir, Focus, Scenarios, Screen};
use crate::session::store;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Library>()
        .add_systems(OnEnter(Screen::Library), build_library);
    add_screen(app, Screen::Library, read_keys, apply_actions, draw_library);
}

/// The library's view-model, rebuilt on entering the screen (scores change after an attempt)
/// rather than on every frame. The search, filter and selection survive the rebuild.
#[derive(Resource, Default)]
pub struct Library(pub LibraryVm);

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
            _ => None,
        });
    ask(&mut out, Screen::Library, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut library: ResMut<Library>,
    scenarios: Res<Scenarios>,
    mut course: ResMut<Course>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Library) {
        let id = match action {
            Action::Select(by) => {
                library.0.select(by);
                continue;
            }
            Action::Open(id) => Some(id),
            Action::OpenSelected => library.0.selected_id(),
            _ => None,
        };
        let Some(scenario) = id.and_then(|id| {
            scenarios
                .0
                .iter()
                .filter_map(|c| c.scenario.as_ref())
                .find(|s| s.id == id)
        }) else {
            continue;
        };
        *course = Course {
            scenario: Some(std::sync::Arc::new(scenario.clone())),
            ..Course::default()
        };
        go(&mut next, Screen::Briefing);
    }
}
