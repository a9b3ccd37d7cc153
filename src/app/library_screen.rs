//! The library screen: every loaded scenario as a card, and every file that failed to load.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::views::{Card, LibraryVm, Problem, library_view};
use super::{Scenarios, Screen};
use crate::scenario::load::Checked;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, build_library).add_systems(
        EguiPrimaryContextPass,
        draw_library.run_if(in_state(Screen::Library)),
    );
}

/// The library's view-model, built once from the loaded scenarios rather than on every frame.
#[derive(Resource)]
struct Library(LibraryVm);

fn build_library(mut commands: Commands, scenarios: Res<Scenarios>) {
    commands.insert_resource(Library(library_vm(&scenarios.0)));
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

fn draw_library(mut contexts: EguiContexts, library: Res<Library>) -> Result {
    let mut root = super::root_ui(contexts.ctx_mut()?);
    egui::CentralPanel::default().show(&mut root, |ui| library_view(ui, &library.0));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::check_bytes;
    use crate::scenario::validate::AssetRoot;

    #[test]
    fn cards_for_loaded_scenarios_and_a_problem_for_each_broken_file() {
        let good = crate::scenario::library::built_in();
        let broken = check_bytes("mine.ron", b"Scenario(", &AssetRoot::Embedded(&[]));
        let all: Vec<Checked> = good.iter().cloned().chain([broken]).collect();
        let vm = library_vm(&all);
        assert_eq!(vm.cards.len(), good.len());
        assert_eq!(vm.problems.len(), 1);
        assert_eq!(vm.problems[0].file, "mine.ron");
        assert!(
            vm.problems[0].message.starts_with("error[E0001]"),
            "{}",
            vm.problems[0].message
        );
    }
}
