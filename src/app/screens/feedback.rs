//! The feedback screen (practice mode): what the last answer earned, why, and what an expert
//! would have said. Enter or Space goes on.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, go, screen_for, shortcut_keys, show_view};
use crate::app::view_models::feedback_vm;
use crate::app::views::Action;
use crate::app::views::feedback::feedback_view;
use crate::app::{Asked, Course, Focus, Screen};

pub(super) fn plugin(app: &mut App) {
    add_screen(
        app,
        Screen::Feedback,
        read_keys,
        apply_actions,
        draw_feedback,
    );
}

fn draw_feedback(
    mut contexts: EguiContexts,
    course: Res<Course>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(vm) = course.attempt.as_ref().and_then(feedback_vm) else {
        return Ok(());
    };
    let action = show_view(&mut contexts, true, |ui| feedback_view(ui, &vm))?;
    ask(&mut out, Screen::Feedback, action);
    Ok(())
}

fn read_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<Focus>, mut out: MessageWriter<Asked>) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter(|key| matches!(key, KeyCode::Enter | KeyCode::Space))
        .map(|_| Action::Continue);
    ask(&mut out, Screen::Feedback, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    course: Res<Course>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Feedback) {
        if let (Action::Continue, Some(attempt)) = (action, &course.attempt) {
            go(&mut next, screen_for(attempt));
        }
    }
}
