//! `--frame-stats`: prints one line per rendered frame (with what egui asked for), so that a
//! benchmark script can count the frames the app draws while a trainee is only reading.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPostUpdateSet};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PostUpdate,
        print_frame.after(EguiPostUpdateSet::ProcessOutput),
    );
}

fn print_frame(mut contexts: EguiContexts, mut frame: Local<u64>, time: Res<Time<Real>>) {
    *frame += 1;
    let causes = contexts
        .ctx_mut()
        .map(|ctx| {
            let events =
                ctx.input(|i| format!("{:?} pointer {:?}", i.raw.events, i.pointer.latest_pos()));
            format!("{:?} events {events}", ctx.repaint_causes())
        })
        .unwrap_or_default();
    println!(
        "frame {} unix_ms {} at {:.3}s repaint causes {causes}",
        *frame,
        crate::session::record::now_ms(),
        time.elapsed_secs_f64()
    );
}
