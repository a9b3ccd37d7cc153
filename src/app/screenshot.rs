//! `--screenshot PATH`: render a few frames, save the window to a PNG, then exit. Used by the
//! window smoke test in CI and to look at screens during development.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::winit::WinitSettings;

/// Frames to render before the capture, so that egui has laid out and drawn its first pass.
const SETTLE_FRAMES: u32 = 5;

#[derive(Resource)]
struct Capture {
    path: PathBuf,
    frames: u32,
    taken: bool,
}

pub(super) fn plugin(path: PathBuf) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(Capture {
            path: path.clone(),
            frames: 0,
            taken: false,
        })
        // Keep frames coming without input until the capture is done.
        .insert_resource(WinitSettings::continuous())
        .add_systems(Update, take_screenshot);
    }
}

fn take_screenshot(mut commands: Commands, mut capture: ResMut<Capture>) {
    capture.frames += 1;
    if capture.taken || capture.frames < SETTLE_FRAMES {
        return;
    }
    capture.taken = true;
    let mut save = save_to_disk(capture.path.clone());
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            save(captured);
            // Exit from the observer, once the image is on disk, not in the frame that asked.
            exit.write(AppExit::Success);
        },
    );
}
