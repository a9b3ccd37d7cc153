//! The client's face, drawn with Bevy 2D (a disc mesh, gizmo strokes for the features) in the
//! room the session view leaves for it. Its expression follows rapport and the affect of the
//! client's last line: the trainee reads the relationship from the face, not from a number.

use bevy::prelude::*;
use bevy::window::{PrimaryWindow, RequestRedraw};

use super::Screen;
use crate::scenario::model::{Affect, RAPPORT_MAX};

/// What the session screen last showed: where the avatar goes (in logical pixels, from the
/// window's top left) and what it expresses.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct AvatarView {
    pub slot: Option<Rect>,
    pub rapport: i32,
    pub affect: Affect,
}

/// An expression, each part from -1 to 1 (or 0 to 1 for the eyes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    /// Mouth corners up (1) or down (-1).
    pub smile: f32,
    /// Inner ends of the brows raised in worry (1) or lowered in anger (-1).
    pub brows: f32,
    /// How open the eyes are.
    pub eyes_open: f32,
    /// Eyes turned down and away.
    pub looks_down: bool,
    pub tear: bool,
}

/// The expression for a rapport (0 to 100) and an affect. Rapport sets the baseline (a guarded
/// client barely smiles); the affect of the moment moves it.
pub fn face(rapport: i32, affect: Affect) -> Face {
    let warmth = (rapport.clamp(0, RAPPORT_MAX) as f32 / RAPPORT_MAX as f32) * 2.0 - 1.0;
    let (mood, brows, eyes_open, looks_down) = match affect {
        Affect::Neutral => (0.0, 0.0, 1.0, false),
        Affect::Sad => (-0.6, 0.7, 0.8, true),
        Affect::Tearful => (-0.8, 0.9, 0.6, true),
        Affect::Anxious => (-0.3, 0.8, 1.0, false),
        Affect::Angry => (-0.5, -0.9, 0.7, false),
        Affect::Withdrawn => (-0.2, 0.1, 0.45, true),
        Affect::Hopeful => (0.4, 0.3, 1.0, false),
        Affect::Warm => (0.7, 0.0, 0.9, false),
    };
    Face {
        smile: (0.4 * warmth + mood).clamp(-1.0, 1.0),
        brows,
        eyes_open,
        looks_down,
        tear: affect == Affect::Tearful,
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Session), spawn_face)
        .add_systems(Startup, thicken_strokes)
        .add_systems(Update, draw_face.run_if(in_state(Screen::Session)))
        // The session view places the avatar during egui's pass, after this frame's drawing:
        // one more frame puts it there, without waiting for the next input.
        .add_systems(
            Last,
            redraw_when_moved.run_if(resource_changed::<AvatarView>),
        );
}

#[derive(Component)]
struct FaceDisc;

const SKIN: Color = Color::srgb(0.92, 0.83, 0.71);
const FEATURES: Color = Color::srgb(0.22, 0.2, 0.24);
const TEAR: Color = Color::srgb(0.3, 0.55, 0.95);

fn spawn_face(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    commands.spawn((
        FaceDisc,
        Mesh2d(meshes.add(Circle::new(1.0))),
        MeshMaterial2d(materials.add(SKIN)),
        Transform::default(),
        Visibility::Hidden,
        DespawnOnExit(Screen::Session),
    ));
}

fn thicken_strokes(mut store: ResMut<GizmoConfigStore>) {
    store.config_mut::<DefaultGizmoConfigGroup>().0.line.width = 3.0;
}

fn draw_face(
    view: Res<AvatarView>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut discs: Query<(&mut Transform, &mut Visibility), With<FaceDisc>>,
    mut gizmos: Gizmos,
) {
    let (Some(slot), Ok(window)) = (view.slot, windows.single()) else {
        for (_, mut visibility) in &mut discs {
            *visibility = Visibility::Hidden;
        }
        return;
    };
    // egui measures from the top left, y down; the 2D camera from the centre, y up.
    let centre = Vec2::new(
        slot.center().x - window.width() / 2.0,
        window.height() / 2.0 - slot.center().y,
    );
    let r = slot.width().min(slot.height()) * 0.42;
    for (mut transform, mut visibility) in &mut discs {
        transform.translation = centre.extend(0.0);
        transform.scale = Vec3::new(r, r, 1.0);
        *visibility = Visibility::Visible;
    }
    let f = face(view.rapport, view.affect);
    let at = |x: f32, y: f32| centre + Vec2::new(x, y) * r;
    for side in [-1.0, 1.0] {
        let eye = at(0.35 * side, 0.12);
        gizmos.ellipse_2d(eye, Vec2::new(0.13, 0.13 * f.eyes_open) * r, FEATURES);
        let pupil = eye + Vec2::new(0.0, if f.looks_down { -0.05 } else { 0.0 }) * r;
        gizmos.circle_2d(pupil, 0.04 * r * f.eyes_open.max(0.5), FEATURES);
        // The inner end of each brow is the one nearer the nose.
        let inner = at(0.17 * side, 0.36 + 0.1 * f.brows);
        let outer = at(0.52 * side, 0.38);
        gizmos.line_2d(inner, outer, FEATURES);
    }
    let mouth = (0..=16).map(|i| {
        let x = i as f32 / 8.0 - 1.0;
        at(0.3 * x, -0.38 - 0.14 * f.smile * (1.0 - x * x))
    });
    gizmos.linestrip_2d(mouth, FEATURES);
    if f.tear {
        gizmos.circle_2d(at(0.4, -0.08), 0.05 * r, TEAR);
    }
}

fn redraw_when_moved(mut redraw: MessageWriter<RequestRedraw>) {
    redraw.write(RequestRedraw);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rapport_and_affect_both_move_the_face() {
        let guarded = face(10, Affect::Neutral);
        let trusting = face(90, Affect::Neutral);
        assert!(trusting.smile > guarded.smile);
        assert!(face(50, Affect::Warm).smile > face(50, Affect::Sad).smile);
        assert!(face(50, Affect::Angry).brows < 0.0);
        assert!(face(50, Affect::Sad).brows > 0.0);
        assert!(face(50, Affect::Tearful).tear);
        assert!(!face(50, Affect::Sad).tear);
        assert!(face(50, Affect::Withdrawn).eyes_open < face(50, Affect::Neutral).eyes_open);
        // Out-of-range rapport is held to the scale, never an absurd face.
        assert_eq!(face(-40, Affect::Neutral), face(0, Affect::Neutral));
        assert!((-1.0..=1.0).contains(&face(500, Affect::Warm).smile));
    }
}
