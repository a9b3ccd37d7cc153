//! The Bevy app: a thin shell over the pure core. One plugin per file; screens are `States`;
//! egui views are functions over plain view-models.

mod frame_stats;
mod idle;
mod library_screen;
mod screenshot;
pub mod views;

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

use crate::cli::AppArgs;
use crate::scenario::library::load_all;
use crate::scenario::load::Checked;

/// The screens of the app.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The scenario library, with any load errors.
    #[default]
    Library,
}

/// Every scenario found at start-up, loaded or not: the library screen shows both.
#[derive(Resource, Debug, Default)]
pub struct Scenarios(pub Vec<Checked>);

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
    .init_state::<Screen>()
    .add_plugins(idle::plugin)
    .add_systems(Startup, spawn_camera)
    .add_plugins(library_screen::plugin);
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
