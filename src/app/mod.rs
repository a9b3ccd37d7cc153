//! The Bevy app: a thin shell over the pure core. One plugin per file; screens are `States`;
//! egui views are functions over plain view-models that return the trainee's actions.

pub mod avatar;
mod frame_stats;
mod idle;
pub mod open;
pub mod screens;
mod screenshot;
pub mod settings;
pub mod view_models;
pub mod views;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

use crate::cli::AppArgs;
use crate::library::load_all;
use crate::scenario::load::Checked;
use crate::scenario::model::Scenario;
use crate::session::attempt::Attempt;
use crate::session::store;
use views::Action;

pub use crate::cli::Screen;

/// An action the trainee asked for, and the screen they asked on: a screen applies only its
/// own, so that an action still in flight when the screen changes is not misread by the next.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct Asked {
    pub on: Screen,
    pub action: Action,
}

/// Every scenario found at start-up, loaded or not: the library screen shows both.
#[derive(Resource, Debug, Default)]
pub struct Scenarios(pub Vec<Checked>);

impl Scenarios {
    /// The scenarios that loaded.
    pub fn loaded(&self) -> impl Iterator<Item = &Scenario> {
        self.0.iter().filter_map(|c| c.scenario.as_ref())
    }

    /// The loaded scenario with this id.
    pub fn find(&self, id: &str) -> Option<&Scenario> {
        self.loaded().find(|s| s.id == id)
    }
}

/// Where attempts and settings are saved; `None` keeps everything in memory.
#[derive(Resource, Debug, Default, Clone)]
pub struct DataDir(pub Option<PathBuf>);

/// The scenario the trainee opened and the attempt in progress.
#[derive(Resource, Default)]
pub struct Course {
    pub scenario: Option<Arc<Scenario>>,
    pub attempt: Option<Attempt>,
    /// Why the last answer could not be taken (a scenario fault validation missed): shown on
    /// the screen, which stays usable.
    pub problem: Option<String>,
    /// Whether the trainee rates themselves before the debrief shows the score (the setting,
    /// as it was when the attempt was opened).
    pub self_rate_first: bool,
    /// The course has just ended and the trainee has yet to rate themselves: the debrief asks
    /// for the self-rating before it shows the score.
    pub self_rate_pending: bool,
}

/// Whether the trainee is typing into a text box (then letter and number keys are text, not
/// shortcuts), or a widget has keyboard focus (then Enter and Space press it). Kept up to
/// date from egui; without a window, nothing is focused.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub typing: bool,
    pub widget: bool,
}

/// The app's logic without a window: states, resources, messages and every screen. The
/// window, egui and the avatar are added by [`run`]; tests drive this with `app.update()`.
/// Expects [`Scenarios`] and [`DataDir`] to be inserted first.
pub fn logic(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Asked>()
        .init_resource::<Course>()
        .init_resource::<Focus>()
        .add_plugins((settings::plugin, screens::plugin));
}

/// Opens the window and runs until it is closed.
pub fn run(args: AppArgs) -> ExitCode {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "IPT Trainer".into(),
            resolution: (1280, 800).into(),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    // A training tool waits for the trainee: redraw on input, not continuously.
    .insert_resource(WinitSettings::desktop_app())
    .insert_resource(Scenarios(load_all(&args.scenarios)))
    .insert_resource(DataDir(store::data_dir(args.data_dir.as_deref())))
    .add_plugins(logic)
    .add_plugins((idle::plugin, avatar::plugin))
    .add_systems(Startup, spawn_camera);
    if args.scenario.is_some() || args.screen.is_some() || args.review.is_some() {
        app.add_plugins(open::plugin(args.clone()));
    }
    if let Some(path) = args.screenshot {
        app.add_plugins(screenshot::plugin(path));
    }
    if args.frame_stats {
        app.add_plugins(frame_stats::plugin);
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// The root `Ui` covering the whole window, which every screen draws its panel into.
pub(crate) fn root_ui(ctx: &bevy_egui::egui::Context) -> bevy_egui::egui::Ui {
    use bevy_egui::egui::{LayerId, Ui, UiBuilder};
    Ui::new(
        ctx.clone(),
        "root".into(),
        UiBuilder::new()
            .layer_id(LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
