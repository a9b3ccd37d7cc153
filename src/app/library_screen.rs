//! The library screen: every loaded scenario as a card, and every file that failed to load.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::views::{Card, LibraryVm, Problem, library_view};
use super::{Scenarios, Screen};
use crate::scenario::load::Checked;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw_library.run_if(in_state(Screen::Library)),
    );
}

/// Builds the view-model from the loaded scenarios.
pub fn library_vm(scenarios: &[Checked]) -> LibraryVm {
    let mut vm = LibraryVm::default();
    for checked in scenarios {
        match (
            &checked.scenario,
            checked.diagnostics.iter().find(|d| d.is_error()),
        ) {
            (Some(s), _) => vm.cards.push(Card {
                title: s.title.clone(),
                client: format!("{}, {}", s.client.name, s.client.age),
                complaint: s.client.presenting_complaint.clone(),
                difficulty: format!("{:?}", s.client.difficulty),
            }),
            (None, Some(error)) => vm.problems.push(Problem {
                file: checked.file.clone(),
                place: format!("{}:{}", error.line, error.column),
                message: format!("error[{}]: {}", error.code.as_str(), error.message),
            }),
            (None, None) => {}
        }
    }
    vm
}

fn draw_library(mut contexts: EguiContexts, scenarios: Res<Scenarios>) -> Result {
    let vm = library_vm(&scenarios.0);
    let mut root = super::root_ui(contexts.ctx_mut()?);
    egui::CentralPanel::default().show(&mut root, |ui| library_view(ui, &vm));
    Ok(())
}
