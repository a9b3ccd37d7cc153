//! The formulation screen: keys 1 to 4 choose the problem area, A, B, C... tick the
//! statements that support it, Enter confirms, Esc goes back to the library.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, digit, give_answer, go, shortcut_keys, show_view};
use crate::app::view_models::formulation_vm;
use crate::app::views::Action;
use crate::app::views::formulation::formulation_view;
use crate::app::{Asked, Course, Focus, Screen};
use crate::scenario::model::ProblemArea;
use crate::session::engine::Prompt;
use crate::session::record::Answer;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Picks>()
        .add_systems(OnExit(Screen::Briefing), clear_picks);
    add_screen(
        app,
        Screen::Formulation,
        read_keys,
        apply_actions,
        draw_formulation,
    );
}

/// The area chosen and the statements ticked so far.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Picks {
    pub area: Option<ProblemArea>,
    pub ticked: Vec<bool>,
}

fn clear_picks(mut picks: ResMut<Picks>) {
    *picks = Picks::default();
}

fn draw_formulation(
    mut contexts: EguiContexts,
    course: Res<Course>,
    picks: Res<Picks>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(mut vm) = course
        .attempt
        .as_ref()
        .and_then(|a| formulation_vm(a, picks.area, &picks.ticked))
    else {
        return Ok(());
    };
    vm.warning = course.problem.clone().or(vm.warning);
    let action = show_view(&mut contexts, false, |ui| formulation_view(ui, &vm))?;
    ask(&mut out, Screen::Formulation, action);
    Ok(())
}

/// The letter keys in order: A ticks the first statement.
const LETTERS: [KeyCode; 26] = {
    use KeyCode::*;
    [
        KeyA, KeyB, KeyC, KeyD, KeyE, KeyF, KeyG, KeyH, KeyI, KeyJ, KeyK, KeyL, KeyM, KeyN, KeyO,
        KeyP, KeyQ, KeyR, KeyS, KeyT, KeyU, KeyV, KeyW, KeyX, KeyY, KeyZ,
    ]
};

fn read_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<Focus>, mut out: MessageWriter<Asked>) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::Enter => Some(Action::Formulate),
            KeyCode::Escape => Some(Action::Back),
            key => digit(key)
                .and_then(|n| ProblemArea::ALL.get(n - 1).copied())
                .map(Action::PickArea)
                .or_else(|| LETTERS.iter().position(|l| *l == key).map(Action::Tick)),
        });
    ask(&mut out, Screen::Formulation, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut course: ResMut<Course>,
    mut picks: ResMut<Picks>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Formulation) {
        let Some(Prompt::Formulate { statements, .. }) =
            course.attempt.as_ref().map(|a| a.engine.prompt())
        else {
            return;
        };
        match action {
            Action::PickArea(area) => picks.area = Some(area),
            Action::Tick(i) if i < statements.len() => {
                picks.ticked.resize(statements.len(), false);
                if let Some(tick) = picks.ticked.get_mut(i) {
                    *tick = !*tick;
                }
            }
            Action::Back => go(&mut next, Screen::Library),
            Action::Formulate => {
                let Some(area) = picks.area else { continue };
                let ticked = statements
                    .iter()
                    .zip(&picks.ticked)
                    .filter(|(_, on)| **on)
                    .map(|(s, _)| s.id.clone())
                    .collect();
                if let Some(screen) = give_answer(&mut course, Answer::Formulation { area, ticked })
                {
                    *picks = Picks::default();
                    go(&mut next, screen);
                    return;
                }
            }
            _ => {}
        }
    }
}
