//! The debrief screen: the scorecard, the rubric by phase and the annotated transcript. Keys
//! 1 to 3 or the arrows move between the sections, Esc goes back to the library.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, digit, go, shortcut_keys, show_view};
use crate::app::view_models::debrief_vm;
use crate::app::views::Action;
use crate::app::views::debrief::{Section, debrief_view};
use crate::app::{Asked, Course, Focus, Screen};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Showing>()
        .add_systems(OnEnter(Screen::Debrief), show_summary);
    add_screen(app, Screen::Debrief, read_keys, apply_actions, draw_debrief);
}

/// The section of the debrief on screen.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Showing(pub Section);

fn show_summary(mut showing: ResMut<Showing>) {
    showing.0 = Section::Summary;
}

fn draw_debrief(
    mut contexts: EguiContexts,
    course: Res<Course>,
    showing: Res<Showing>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(attempt) = &course.attempt else {
        return Ok(());
    };
    let vm = debrief_vm(attempt, showing.0);
    let action = show_view(&mut contexts, true, |ui| debrief_view(ui, &vm))?;
    ask(&mut out, Screen::Debrief, action);
    Ok(())
}

fn read_keys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<Focus>,
    showing: Res<Showing>,
    mut out: MessageWriter<Asked>,
) {
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
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Debrief) {
        match action {
            Action::ShowSection(section) => showing.0 = section,
            Action::Back => go(&mut next, Screen::Library),
            _ => {}
        }
    }
}
