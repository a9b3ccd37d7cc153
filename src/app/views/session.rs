//! The session view: the header, the client (the avatar is drawn by Bevy into the space this
//! view leaves for it), the interpersonal inventory as closeness circles, the symptom chart,
//! the transcript as a conversation, the optional write-first box, and the options.

use bevy_egui::egui::{self, Align2, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use super::{Action, key_hint, warning};
use crate::scenario::model::first_name;

/// Who said a line of the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Client,
    Trainee,
    /// Session starts, formulations, the ending.
    Note,
}

/// One line of the transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    pub speaker: Speaker,
    /// The name to show when someone other than the client speaks (a parent, a partner).
    pub who: Option<String>,
    pub text: String,
    /// A quieter line under it: what the trainee first wrote, or how the client looked.
    pub aside: Option<String>,
}

/// Someone the client has talked about, for the inventory diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct InventoryPerson {
    pub name: String,
    pub relation: String,
    /// 1 closest to 3 most distant.
    pub closeness: u8,
}

/// What the session screen shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionVm {
    /// "Session 3 of 12, initial phase"
    pub header: String,
    /// "9 sessions remaining"
    pub remaining: String,
    pub client: String,
    pub transcript: Vec<Bubble>,
    /// What the trainee is asked to do, e.g. "Respond to her self-blame."
    pub prompt: String,
    pub options: Vec<String>,
    /// Hide the options until the trainee has written what they would say.
    pub write_first: bool,
    pub revealed: bool,
    /// The trainee's own words, edited in place.
    pub written: String,
    pub inventory: Vec<InventoryPerson>,
    /// The symptom score measured at each session start: (session, score).
    pub symptoms: Vec<(u8, i32)>,
    pub sessions: u8,
    pub symptoms_max: i32,
    pub warning: Option<String>,
    /// Out: where the view left room for the avatar, in points.
    pub avatar: Option<Rect>,
}

/// The room left for the avatar.
pub const AVATAR_SIZE: Vec2 = Vec2::new(200.0, 180.0);

pub fn session_view(ui: &mut egui::Ui, vm: &mut SessionVm) -> Option<Action> {
    let mut action = None;
    egui::Panel::top("session-header").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button(key_hint("Library (saved)", "Esc")).clicked() {
                action = Some(Action::Back);
            }
            ui.heading(&vm.header);
            ui.weak(&vm.remaining);
        });
    });
    egui::Panel::left("session-client")
        .resizable(false)
        .exact_size(310.0)
        // No fill: the avatar, drawn by Bevy behind egui, shows through the room left for it.
        .frame(egui::Frame::NONE.inner_margin(8.0))
        .show(ui, |ui| client_panel(ui, vm));
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(text) = &vm.warning {
            warning(ui, text);
        }
        // The answer area takes the height it needs; the transcript scrolls in the rest.
        egui::Panel::bottom("session-answer")
            .resizable(false)
            .show(ui, |ui| {
                if let Some(chosen) = answer_area(ui, vm) {
                    action = Some(chosen);
                }
            });
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .auto_shrink([false, false])
            .show(ui, |ui| transcript(ui, &vm.client, &vm.transcript));
    });
    action
}

fn client_panel(ui: &mut egui::Ui, vm: &mut SessionVm) {
    ui.vertical_centered(|ui| {
        let (rect, _) = ui.allocate_exact_size(AVATAR_SIZE, Sense::hover());
        vm.avatar = Some(rect);
        ui.strong(&vm.client);
    });
    ui.add_space(8.0);
    // The panels below scroll under large text; the avatar above them stays put.
    egui::ScrollArea::vertical()
        .id_salt("client-panel")
        .show(ui, |ui| {
            egui::Frame::group(ui.style())
                .fill(ui.visuals().panel_fill)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.strong("Interpersonal inventory");
                    inventory_diagram(ui, &vm.client, &vm.inventory);
                });
            ui.add_space(8.0);
            egui::Frame::group(ui.style())
                .fill(ui.visuals().panel_fill)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.strong("Symptom score");
                    symptom_chart(ui, &vm.symptoms, vm.sessions, vm.symptoms_max);
                });
        });
}

/// The closeness circles: the client at the centre, each person on the ring of their
/// closeness (1 inner, 3 outer), spread evenly round it. A plain list follows for screen
/// readers and for anyone who prefers words.
pub fn inventory_diagram(ui: &mut egui::Ui, client: &str, people: &[InventoryPerson]) {
    let size = Vec2::new(ui.available_width(), 210.0);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let centre = rect.center();
    let outer = rect.height().min(rect.width()) / 2.0 - 8.0;
    for ring in 1..=3u8 {
        painter.circle_stroke(centre, ring_radius(ring, outer), Stroke::new(1.0, weak));
    }
    let first = first_name(client);
    painter.circle_filled(centre, 5.0, text);
    painter.text(
        centre + Vec2::new(0.0, 12.0),
        Align2::CENTER_CENTER,
        first,
        FontId::proportional(12.0),
        text,
    );
    for ring in 1..=3u8 {
        let on_ring: Vec<&InventoryPerson> = people
            .iter()
            .filter(|p| p.closeness.clamp(1, 3) == ring)
            .collect();
        for (i, person) in on_ring.iter().enumerate() {
            let at = place_on_ring(centre, ring_radius(ring, outer), i, on_ring.len(), ring);
            painter.circle_filled(at, 4.0, ui.visuals().selection.stroke.color);
            painter.text(
                at + Vec2::new(0.0, -10.0),
                Align2::CENTER_CENTER,
                &person.name,
                FontId::proportional(12.0),
                text,
            );
        }
    }
    if people.is_empty() {
        ui.weak("People fill in here as the client talks about them.");
    }
    for (ring, word) in [(1, "Closest"), (2, "Close"), (3, "Distant")] {
        let names: Vec<String> = people
            .iter()
            .filter(|p| p.closeness.clamp(1, 3) == ring)
            .map(|p| format!("{} ({})", p.name, p.relation))
            .collect();
        if !names.is_empty() {
            ui.label(format!("{word}: {}", names.join(", ")));
        }
    }
}

fn ring_radius(ring: u8, outer: f32) -> f32 {
    outer * f32::from(ring) / 3.0
}

/// Spreads `count` people round a ring; each ring starts at a different angle so that names
/// on neighbouring rings do not line up and overlap.
fn place_on_ring(centre: Pos2, radius: f32, i: usize, count: usize, ring: u8) -> Pos2 {
    let turn = std::f32::consts::TAU;
    let angle = turn * (i as f32 / count.max(1) as f32) + f32::from(ring) * 0.9 - turn / 4.0;
    centre + Vec2::angled(angle) * radius
}

/// The symptom score at each session start, as a line over the course's sessions (lower is
/// better), with the figures in words below it.
pub fn symptom_chart(ui: &mut egui::Ui, points: &[(u8, i32)], sessions: u8, max: i32) {
    let size = Vec2::new(ui.available_width(), 110.0);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let weak = ui.visuals().weak_text_color();
    let line = ui.visuals().selection.stroke.color;
    let plot = Rect::from_min_max(
        rect.min + Vec2::new(24.0, 6.0),
        rect.max - Vec2::new(6.0, 18.0),
    );
    painter.rect_stroke(plot, 0.0, Stroke::new(1.0, weak), egui::StrokeKind::Inside);
    let font = FontId::proportional(10.0);
    painter.text(
        plot.left_top(),
        Align2::RIGHT_TOP,
        max.to_string(),
        font.clone(),
        weak,
    );
    painter.text(
        plot.left_bottom(),
        Align2::RIGHT_BOTTOM,
        "0",
        font.clone(),
        weak,
    );
    painter.text(
        plot.left_bottom() + Vec2::new(0.0, 2.0),
        Align2::LEFT_TOP,
        "1",
        font.clone(),
        weak,
    );
    painter.text(
        plot.right_bottom() + Vec2::new(0.0, 2.0),
        Align2::RIGHT_TOP,
        sessions.to_string(),
        font,
        weak,
    );
    let span = f32::from(sessions.max(2) - 1);
    let at = |(session, score): (u8, i32)| {
        let x = f32::from(session.max(1) - 1) / span;
        let y = score.clamp(0, max.max(1)) as f32 / max.max(1) as f32;
        plot.lerp_inside(Vec2::new(x, 1.0 - y))
    };
    let positions: Vec<Pos2> = points.iter().copied().map(at).collect();
    painter.add(egui::Shape::line(positions.clone(), Stroke::new(2.0, line)));
    for p in positions {
        painter.circle_filled(p, 3.0, line);
    }
    let words: Vec<String> = points.iter().map(|(s, v)| format!("S{s}: {v}")).collect();
    ui.label(if words.is_empty() {
        "Measured at the start of each session.".to_owned()
    } else {
        words.join(" · ")
    });
}

fn transcript(ui: &mut egui::Ui, client: &str, bubbles: &[Bubble]) {
    let first = first_name(client);
    for bubble in bubbles {
        match bubble.speaker {
            Speaker::Note => {
                ui.add_space(6.0);
                ui.vertical_centered(|ui| ui.weak(&bubble.text));
                ui.add_space(6.0);
            }
            Speaker::Client | Speaker::Trainee => {
                let (who, fill, layout) = if bubble.speaker == Speaker::Client {
                    (
                        bubble.who.as_deref().unwrap_or(first),
                        ui.visuals().faint_bg_color,
                        egui::Layout::left_to_right(egui::Align::Min),
                    )
                } else {
                    (
                        "You",
                        ui.visuals().extreme_bg_color,
                        egui::Layout::right_to_left(egui::Align::Min),
                    )
                };
                ui.with_layout(layout, |ui| {
                    egui::Frame::new()
                        .fill(fill)
                        .corner_radius(6.0)
                        .inner_margin(8.0)
                        .show(ui, |ui| {
                            ui.set_max_width(ui.available_width() * 0.8);
                            ui.vertical(|ui| {
                                ui.strong(who);
                                ui.label(&bubble.text);
                                if let Some(aside) = &bubble.aside {
                                    ui.weak(aside);
                                }
                            });
                        });
                });
                ui.add_space(4.0);
            }
        }
    }
}

/// The prompt, the write-first box and the options; the trainee's choice, if any.
fn answer_area(ui: &mut egui::Ui, vm: &mut SessionVm) -> Option<Action> {
    let mut action = None;
    ui.strong(&vm.prompt);
    ui.horizontal(|ui| {
        let label = ui.label("In your own words (optional):");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut vm.written)
                .hint_text("what would you say?")
                .desired_width(ui.available_width()),
        );
        let edit = edit.labelled_by(label.id);
        if vm.write_first
            && !vm.revealed
            && edit.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            action = Some(Action::Reveal);
        }
    });
    ui.add_space(4.0);
    if vm.write_first && !vm.revealed {
        if ui.button(key_hint("Show the options", "Enter")).clicked() {
            action = Some(Action::Reveal);
        }
        return action;
    }
    ui.with_layout(egui::Layout::top_down_justified(egui::Align::Min), |ui| {
        for (i, option) in vm.options.iter().enumerate() {
            let text = format!("{}. {option}", i + 1);
            if ui.add(egui::Button::new(text).wrap()).clicked() {
                action = Some(Action::Choose(i));
            }
        }
    });
    ui.add_space(4.0);
    action
}
