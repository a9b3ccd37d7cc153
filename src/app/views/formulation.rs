//! The formulation view: choose the problem area and tick the client's statements that
//! support it, with the interpersonal inventory beside them.

use bevy_egui::egui;

use super::session::{InventoryPerson, inventory_diagram};
use super::{Action, key_hint, sentence_case, warning};
use crate::scenario::model::ProblemArea;

/// What the formulation screen shows, and what the trainee has picked so far.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulationVm {
    pub header: String,
    pub client: String,
    pub prompt: String,
    pub statements: Vec<String>,
    pub area: Option<ProblemArea>,
    /// One flag per statement.
    pub ticked: Vec<bool>,
    pub inventory: Vec<InventoryPerson>,
    pub warning: Option<String>,
}

/// The key that ticks statement `i`: A, B, C...
pub fn statement_key(i: usize) -> char {
    u8::try_from(i)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

pub fn formulation_view(ui: &mut egui::Ui, vm: &FormulationVm) -> Option<Action> {
    let mut action = None;
    egui::Panel::top("formulation-header").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button(key_hint("Library (saved)", "Esc")).clicked() {
                action = Some(Action::Back);
            }
            ui.heading(&vm.header);
        });
    });
    egui::Panel::right("formulation-inventory")
        .resizable(false)
        .exact_size(320.0)
        .show(ui, |ui| {
            ui.strong("Interpersonal inventory");
            inventory_diagram(ui, &vm.client, &vm.inventory);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(text) = &vm.warning {
                warning(ui, text);
            }
            ui.heading("Formulation");
            ui.label(&vm.prompt);
            ui.add_space(8.0);
            ui.strong("The problem area");
            for (i, area) in ProblemArea::ALL.into_iter().enumerate() {
                let label = key_hint(&sentence_case(area.label()), &(i + 1).to_string());
                if ui.radio(vm.area == Some(area), label).clicked() {
                    action = Some(Action::PickArea(area));
                }
            }
            ui.add_space(8.0);
            ui.strong("What the client said that supports it");
            for (i, statement) in vm.statements.iter().enumerate() {
                let mut ticked = vm.ticked.get(i).copied().unwrap_or(false);
                let label = format!("{}. {statement}", statement_key(i));
                if ui.checkbox(&mut ticked, label).clicked() {
                    action = Some(Action::Tick(i));
                }
            }
            ui.add_space(12.0);
            let ready = vm.area.is_some();
            let confirm = ui.add_enabled(
                ready,
                egui::Button::new(key_hint("Confirm the formulation", "Enter")),
            );
            if confirm.clicked() {
                action = Some(Action::Formulate);
            }
            if !ready {
                ui.weak("Choose a problem area first (keys 1 to 4).");
            }
        });
    });
    action
}
