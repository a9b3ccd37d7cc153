//! The baseline for `benches/startup.sh`: a bare Bevy + bevy_egui window with one label, built
//! with the same features and profile as the app, printing a line per frame like the app's
//! `--frame-stats`.

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

fn main() {
    App::new()
        .add_plugins(DefaultPlugins)
        .add_plugins(EguiPlugin::default())
        .insert_resource(WinitSettings::desktop_app())
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(EguiPrimaryContextPass, draw)
        .add_systems(PostUpdate, print_frame)
        .run();
}

fn draw(mut contexts: EguiContexts) -> Result {
    egui::CentralPanel::default().show(&mut root_ui(contexts.ctx_mut()?), |ui| ui.label("bare"));
    Ok(())
}

fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

fn print_frame(mut frame: Local<u64>) {
    *frame += 1;
    println!(
        "frame {} unix_ms {}",
        *frame,
        ipt_trainer::session::record::now_ms()
    );
}
