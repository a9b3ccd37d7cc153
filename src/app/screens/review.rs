//! The review screen: a supervisor steps through an attempt (PgUp and PgDn, or the buttons),
//! comments on any decision and on the whole attempt, and rates every rubric item. The review
//! is saved beside the record (Ctrl+S, and whenever the page changes or the screen is left),
//! never in it. An attempt is opened here from the history, by dropping its record file on the
//! window from any screen, or with `ipt-trainer review RECORD`.

use std::path::Path;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::FileDragAndDrop;
use bevy_egui::EguiContexts;

use super::library::Library;
use super::{add_screen, ask, asked_on, go, show_view};
use crate::app::view_models::{apply_review_edits, review_vm};
use crate::app::views::Action;
use crate::app::views::review::review_view;
use crate::app::{Asked, Focus, Scenarios, Screen};
use crate::supervision::review::Opened;

pub(super) fn plugin(app: &mut App) {
    // The window registers dropped files; without one (tests), nothing is ever dropped.
    app.add_message::<FileDragAndDrop>()
        .init_resource::<Reviewing>()
        .add_systems(Update, open_dropped_record);
    add_screen(app, Screen::Review, read_keys, apply_actions, draw_review);
}

/// The attempt under review, the page shown, and what the last save said.
#[derive(Resource, Default)]
pub struct Reviewing {
    pub opened: Option<Opened>,
    pub page: usize,
    pub status: String,
    /// Edits not yet saved.
    pub dirty: bool,
    /// Where Esc goes back to.
    pub back: Screen,
}

/// Opens a record for review, its scenario found in the library by id.
pub fn open_review(path: &Path, scenarios: &Scenarios, back: Screen) -> Result<Reviewing, String> {
    let opened = Opened::open(path, |id| scenarios.find(id).cloned().map(Arc::new))
        .map_err(|e| format!("Cannot review {}: {e}", path.display()))?;
    let status = format!(
        "Comments and ratings are saved beside the record, in {}.",
        path.parent().unwrap_or(path).display()
    );
    Ok(Reviewing {
        opened: Some(opened),
        page: 0,
        status,
        dirty: false,
        back,
    })
}

/// A record file dropped on the window opens for review, from any screen; anything else dropped
/// is refused with a word in the library.
fn open_dropped_record(
    mut dropped: MessageReader<FileDragAndDrop>,
    scenarios: Res<Scenarios>,
    screen: Res<State<Screen>>,
    mut reviewing: ResMut<Reviewing>,
    mut library: ResMut<Library>,
    mut next: ResMut<NextState<Screen>>,
) {
    for event in dropped.read() {
        let FileDragAndDrop::DroppedFile { path_buf, .. } = event else {
            continue;
        };
        save_if_changed(&mut reviewing);
        let back = match *screen.get() {
            Screen::Review => reviewing.back,
            Screen::History => Screen::History,
            _ => Screen::Library,
        };
        match open_review(path_buf, &scenarios, back) {
            Ok(opened) => {
                *reviewing = opened;
                go(&mut next, Screen::Review);
            }
            Err(problem) => {
                library.0.notice = Some(problem);
                go(&mut next, Screen::Library);
            }
        }
    }
}

fn draw_review(
    mut contexts: EguiContexts,
    mut reviewing: ResMut<Reviewing>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(opened) = &reviewing.opened else {
        return Ok(());
    };
    let status = if reviewing.dirty {
        "Unsaved changes.".to_owned()
    } else {
        reviewing.status.clone()
    };
    let mut vm = review_vm(opened, reviewing.page, status);
    let action = show_view(&mut contexts, true, |ui| review_view(ui, &mut vm))?;
    let changed = reviewing
        .opened
        .as_mut()
        .is_some_and(|o| apply_review_edits(&mut o.review, &vm));
    if changed {
        reviewing.dirty = true;
    }
    ask(&mut out, Screen::Review, action);
    Ok(())
}

fn read_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<Focus>, mut out: MessageWriter<Asked>) {
    // Paging and saving work while a comment is being typed: they are not text.
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let mut actions = Vec::new();
    for key in keys.get_just_pressed() {
        match key {
            KeyCode::PageUp => actions.push(Action::Step(-1)),
            KeyCode::PageDown => actions.push(Action::Step(1)),
            KeyCode::KeyS if ctrl => actions.push(Action::SaveReview),
            KeyCode::Escape if !focus.typing => actions.push(Action::Back),
            _ => {}
        }
    }
    ask(&mut out, Screen::Review, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut reviewing: ResMut<Reviewing>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Review) {
        match action {
            Action::Step(by) => {
                save_if_changed(&mut reviewing);
                let last = reviewing.opened.as_ref().map_or(0, |o| o.decisions.len());
                let to = i64::try_from(reviewing.page).unwrap_or(0) + i64::from(by);
                reviewing.page =
                    usize::try_from(to.clamp(0, i64::try_from(last).unwrap_or(0))).unwrap_or(0);
            }
            Action::SaveReview => {
                reviewing.dirty = true;
                save_if_changed(&mut reviewing);
            }
            Action::Back => {
                save_if_changed(&mut reviewing);
                let back = reviewing.back;
                go(&mut next, back);
            }
            _ => {}
        }
    }
}

/// Saves the review if it has unsaved edits; the status says where, or why not (the edits are
/// kept on screen, to be saved again).
fn save_if_changed(reviewing: &mut Reviewing) {
    if !reviewing.dirty {
        return;
    }
    let Some(opened) = reviewing.opened.as_mut() else {
        return;
    };
    match opened.save() {
        Ok(path) => {
            reviewing.status = format!("Saved in {}.", path.display());
            reviewing.dirty = false;
        }
        Err(problem) => reviewing.status = format!("Not saved: {problem}"),
    }
}
