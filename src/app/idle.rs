//! Keeps the app still while the trainee reads.
//!
//! bevy_egui 0.42 pushes a `ModifiersChanged` event into egui's input on every frame, whether
//! or not a modifier key changed. egui treats any input event as a reason to repaint at once,
//! bevy_egui answers that with a `RequestRedraw`, and the next frame pushes the event again: the
//! window redraws about 30 times a second forever (1.7 cores under software rendering). This
//! drops the event when the modifiers are the ones egui already has, so an idle window draws
//! nothing until there is real input.

use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use bevy_egui::egui::{Event, Modifiers};
use bevy_egui::{EguiInput, EguiPreUpdateSet};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

/// Removes `ModifiersChanged` events that change nothing, remembering per egui context which
/// modifiers egui last saw.
fn drop_unchanged_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last_seen: Local<HashMap<Entity, Modifiers>>,
) {
    for (context, mut input) in &mut inputs {
        let seen = last_seen.entry(context).or_default();
        input.events.retain(|event| match event {
            // egui forgets the modifiers when the window loses focus; follow it.
            Event::WindowFocused(false) => {
                *seen = Modifiers::default();
                true
            }
            Event::ModifiersChanged(modifiers) if modifiers == seen => false,
            Event::ModifiersChanged(modifiers) => {
                *seen = *modifiers;
                true
            }
            _ => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(events: Vec<Event>, app: &mut App) -> Vec<Event> {
        app.world_mut().spawn(EguiInput::default());
        let mut query = app.world_mut().query::<&mut EguiInput>();
        for mut input in query.iter_mut(app.world_mut()) {
            input.events = events.clone();
        }
        app.update();
        let mut query = app.world_mut().query::<&EguiInput>();
        query
            .iter(app.world())
            .flat_map(|i| i.events.clone())
            .collect()
    }

    #[test]
    fn repeated_modifiers_are_dropped_and_real_changes_kept() {
        let mut app = App::new();
        app.add_systems(Update, drop_unchanged_modifiers);
        let none = Event::ModifiersChanged(Modifiers::NONE);
        assert_eq!(run(vec![none.clone()], &mut app), vec![]);
        let shift = Event::ModifiersChanged(Modifiers::SHIFT);
        let kept = run(vec![shift.clone()], &mut app);
        assert!(kept.contains(&shift));
    }
}
