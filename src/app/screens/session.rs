//! The session screen: the course in progress at a trainee turn. Keys 1 to 9 choose an option,
//! Enter shows the options after writing first, Esc goes back to the library (the attempt is
//! saved after every answer and can be resumed).

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, digit, give_answer, go, shortcut_keys, show_view};
use crate::app::avatar::AvatarView;
use crate::app::settings::Settings;
use crate::app::view_models::session_vm;
use crate::app::views::Action;
use crate::app::views::session::session_view;
use crate::app::{Asked, Course, Focus, Screen};
use crate::scenario::model::Affect;
use crate::session::engine::{Event, Prompt};
use crate::session::record::Answer;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Draft>()
        .init_resource::<AvatarView>()
        // A new or resumed attempt starts with a clean draft; the settings and feedback
        // screens in between keep it.
        .add_systems(OnExit(Screen::Briefing), clear_draft)
        .add_systems(OnExit(Screen::Session), hide_avatar);
    add_screen(app, Screen::Session, read_keys, apply_actions, draw_session);
}

/// What the trainee has written for the current turn, and whether the options are shown.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub written: String,
    pub revealed: bool,
}

fn clear_draft(mut draft: ResMut<Draft>) {
    *draft = Draft::default();
}

fn hide_avatar(mut avatar: ResMut<AvatarView>) {
    avatar.slot = None;
}

/// The affect of the client's last line: lines said by someone else (a parent at an
/// adolescent's session) leave the client's face as it was.
fn last_affect(events: &[Event]) -> Affect {
    events
        .iter()
        .rev()
        .find_map(|e| match e {
            Event::Client {
                affect,
                speaker: None,
                ..
            } => Some(*affect),
            _ => None,
        })
        .unwrap_or_default()
}

fn draw_session(
    mut contexts: EguiContexts,
    course: Res<Course>,
    settings: Res<Settings>,
    mut draft: ResMut<Draft>,
    mut avatar: ResMut<AvatarView>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(attempt) = &course.attempt else {
        return Ok(());
    };
    let zoom = contexts.ctx_mut()?.zoom_factor();
    let mut vm = session_vm(
        attempt,
        settings.write_first,
        draft.revealed,
        draft.written.clone(),
    );
    vm.warning = course.problem.clone().or(vm.warning);
    let action = show_view(&mut contexts, false, |ui| session_view(ui, &mut vm))?;
    if vm.written != draft.written {
        draft.written = vm.written;
    }
    // egui lays out in points; the camera works in logical pixels, `zoom` of them a point.
    avatar.set_if_neq(AvatarView {
        slot: vm.avatar.map(|r| {
            Rect::new(
                r.min.x * zoom,
                r.min.y * zoom,
                r.max.x * zoom,
                r.max.y * zoom,
            )
        }),
        rapport: attempt.engine.state.rapport,
        affect: last_affect(&attempt.engine.transcript),
    });
    ask(&mut out, Screen::Session, action);
    Ok(())
}

fn read_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<Focus>, mut out: MessageWriter<Asked>) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::Enter => Some(Action::Reveal),
            KeyCode::Escape => Some(Action::Back),
            key => digit(key).map(|n| Action::Choose(n - 1)),
        });
    ask(&mut out, Screen::Session, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut course: ResMut<Course>,
    mut draft: ResMut<Draft>,
    settings: Res<Settings>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Session) {
        match action {
            Action::Reveal => draft.revealed = true,
            Action::Back => go(&mut next, Screen::Library),
            Action::Choose(i) => {
                // Writing first means writing before seeing (and so choosing) the options.
                if settings.write_first && !draft.revealed {
                    continue;
                }
                let Some(Prompt::Choose { options, .. }) =
                    course.attempt.as_ref().map(|a| a.engine.prompt())
                else {
                    return;
                };
                let Some(option) = options.get(i) else {
                    continue;
                };
                let answer = Answer::Choice {
                    id: option.id.clone(),
                    written: Some(draft.written.trim().to_owned()).filter(|w| !w.is_empty()),
                };
                if let Some(screen) = give_answer(&mut course, answer) {
                    *draft = Draft::default();
                    go(&mut next, screen);
                    // Nothing else on this turn can apply once it is answered.
                    return;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(affect: Affect, speaker: Option<&str>) -> Event {
        Event::Client {
            line: "l".into(),
            text: "...".into(),
            affect,
            person: None,
            risk: None,
            speaker: speaker.map(str::to_owned),
        }
    }

    #[test]
    fn a_parents_line_leaves_the_clients_face_as_it_was() {
        let events = [
            said(Affect::Angry, None),
            said(Affect::Tearful, Some("Kerry (Mum)")),
        ];
        assert_eq!(last_affect(&events), Affect::Angry);
    }
}
