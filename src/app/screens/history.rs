//! The history screen: every finished attempt over time with the headline skills plotted, a
//! filter by client, each attempt opened for review, and what to practise next (N opens it).
//! Esc goes back to the library.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::review::{Reviewing, open_review};
use super::{add_screen, ask, asked_on, go, shortcut_keys, show_view};
use crate::app::view_models::history_vm;
use crate::app::views::Action;
use crate::app::views::history::{HistoryVm, history_view};
use crate::app::{Asked, Course, DataDir, Focus, Scenarios, Screen};
use crate::report::progress;
use crate::scenario::model::Scenario;
use crate::session::record::now_ms;
use crate::session::store;
use crate::supervision::review;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<History>()
        .add_systems(OnEnter(Screen::History), build_history);
    add_screen(app, Screen::History, read_keys, apply_actions, draw_history);
}

/// The history's view-model, built on entering the screen, and where each attempt is kept.
#[derive(Resource, Default)]
pub struct History {
    pub vm: HistoryVm,
    pub paths: Vec<(String, PathBuf)>,
}

fn build_history(mut history: ResMut<History>, scenarios: Res<Scenarios>, data: Res<DataDir>) {
    let scan = data.0.as_deref().map(store::scan).unwrap_or_default();
    let records: Vec<_> = scan
        .records
        .iter()
        .map(|(path, record)| (record.clone(), review::load(path, record).ok().flatten()))
        .collect();
    let library: Vec<&Scenario> = scenarios.loaded().collect();
    let report = progress::build(&records, &library, now_ms());
    let filter = history.vm.filter.take();
    history.vm = history_vm(&report, filter);
    if !scan.damaged.is_empty() {
        history.vm.problem = Some(format!(
            "{} could not be read and {} left out.",
            crate::report::text::plural(scan.damaged.len(), "attempt file"),
            if scan.damaged.len() == 1 { "is" } else { "are" }
        ));
    }
    history.paths = scan
        .records
        .into_iter()
        .map(|(path, record)| (record.id, path))
        .collect();
}

fn draw_history(
    mut contexts: EguiContexts,
    mut history: ResMut<History>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let mut vm = history.vm.clone();
    let action = show_view(&mut contexts, true, |ui| history_view(ui, &mut vm))?;
    if vm != history.vm {
        history.vm = vm;
    }
    ask(&mut out, Screen::History, action);
    Ok(())
}

fn read_keys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<Focus>,
    history: Res<History>,
    mut out: MessageWriter<Asked>,
) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::Escape => Some(Action::Back),
            KeyCode::KeyN => history.vm.next.as_ref().map(|n| Action::Open(n.0.clone())),
            _ => None,
        });
    ask(&mut out, Screen::History, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut history: ResMut<History>,
    scenarios: Res<Scenarios>,
    mut course: ResMut<Course>,
    mut reviewing: ResMut<Reviewing>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::History) {
        match action {
            Action::Back => go(&mut next, Screen::Library),
            Action::Open(id) => {
                if let Some(scenario) = scenarios.find(&id) {
                    *course = Course {
                        scenario: Some(Arc::new(scenario.clone())),
                        ..Course::default()
                    };
                    go(&mut next, Screen::Briefing);
                }
            }
            Action::ReviewAttempt(id) => {
                let Some((_, path)) = history.paths.iter().find(|(i, _)| *i == id) else {
                    continue;
                };
                match open_review(path, &scenarios, Screen::History) {
                    Ok(opened) => {
                        *reviewing = opened;
                        go(&mut next, Screen::Review);
                    }
                    Err(problem) => history.vm.problem = Some(problem),
                }
            }
            _ => {}
        }
    }
}
