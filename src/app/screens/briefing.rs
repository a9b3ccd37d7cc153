//! The briefing screen: the referral note, practice or assessment, start a new attempt or
//! resume the unfinished one. Enter starts, R resumes, P and A set the mode, Esc goes back.

use bevy::prelude::*;
use bevy_egui::EguiContexts;

use super::{add_screen, ask, asked_on, go, screen_for, shortcut_keys, show_view};
use crate::app::settings::Settings;
use crate::app::view_models::briefing_vm;
use crate::app::views::Action;
use crate::app::views::briefing::briefing_view;
use crate::app::{Asked, Course, DataDir, Focus, Screen};
use crate::session::attempt::Attempt;
use crate::session::engine::Mode;
use crate::session::record::{AttemptRecord, now_ms};
use crate::session::store;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Briefing>()
        .add_systems(OnEnter(Screen::Briefing), prepare_briefing);
    add_screen(
        app,
        Screen::Briefing,
        read_keys,
        apply_actions,
        draw_briefing,
    );
}

/// The choices made on the briefing, and the attempt that can be resumed.
#[derive(Resource, Debug, Clone)]
pub struct Briefing {
    pub mode: Mode,
    pub resumable: Option<AttemptRecord>,
    pub problem: Option<String>,
}

impl Default for Briefing {
    fn default() -> Self {
        Briefing {
            mode: Mode::Practice,
            resumable: None,
            problem: None,
        }
    }
}

fn prepare_briefing(
    mut briefing: ResMut<Briefing>,
    course: Res<Course>,
    settings: Res<Settings>,
    data: Res<DataDir>,
) {
    let resumable = match (&course.scenario, &data.0) {
        (Some(scenario), Some(data)) => store::unfinished(data, &scenario.id).map(|(_, r)| r),
        _ => None,
    };
    *briefing = Briefing {
        mode: settings.default_mode,
        resumable,
        problem: None,
    };
}

fn draw_briefing(
    mut contexts: EguiContexts,
    briefing: Res<Briefing>,
    course: Res<Course>,
    mut out: MessageWriter<Asked>,
) -> Result {
    let Some(scenario) = &course.scenario else {
        return Ok(());
    };
    let vm = briefing_vm(
        scenario,
        briefing.mode,
        briefing.resumable.as_ref(),
        briefing.problem.clone(),
    );
    let action = show_view(&mut contexts, true, |ui| briefing_view(ui, &vm))?;
    ask(&mut out, Screen::Briefing, action);
    Ok(())
}

fn read_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<Focus>, mut out: MessageWriter<Asked>) {
    let actions = shortcut_keys(&keys, *focus)
        .into_iter()
        .filter_map(|key| match key {
            KeyCode::Enter => Some(Action::Start),
            KeyCode::KeyR => Some(Action::Resume),
            KeyCode::KeyP => Some(Action::SetMode(Mode::Practice)),
            KeyCode::KeyA => Some(Action::SetMode(Mode::Assessment)),
            KeyCode::Escape => Some(Action::Back),
            _ => None,
        });
    ask(&mut out, Screen::Briefing, actions);
}

fn apply_actions(
    mut asked: MessageReader<Asked>,
    mut briefing: ResMut<Briefing>,
    mut course: ResMut<Course>,
    data: Res<DataDir>,
    settings: Res<Settings>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in asked_on(&mut asked, Screen::Briefing) {
        let Some(scenario) = course.scenario.clone() else {
            return;
        };
        let started = match action {
            Action::SetMode(mode) => {
                briefing.mode = mode;
                continue;
            }
            Action::Back => {
                go(&mut next, Screen::Library);
                continue;
            }
            Action::Start => Attempt::start(scenario, now_ms(), briefing.mode, data.0.clone())
                .map_err(|e| e.to_string()),
            Action::Resume => match briefing.resumable.clone() {
                Some(record) => Attempt::resume(scenario, record, data.0.clone()),
                None => continue,
            },
            _ => continue,
        };
        match started {
            Ok(mut attempt) => {
                if attempt.record.steps.is_empty() {
                    attempt.record.trainee = settings.trainee.trim().to_owned();
                }
                go(&mut next, screen_for(&attempt));
                course.attempt = Some(attempt);
                course.self_rate_first = settings.self_rate_first;
            }
            Err(problem) => briefing.problem = Some(problem),
        }
    }
}
