//! Plain-text transcripts and scorecards, for `play`, `replay` and anyone reading a terminal.
//! Scenario text is printed with its hidden characters escaped, so that a file cannot move the
//! cursor or reorder what a terminal shows.

use std::fmt::Write;

use crate::scenario::ids::escaped;
use crate::scenario::model::{Scenario, first_name};
use crate::scoring::{Scorecard, rubric};
use crate::session::engine::Event;

/// A count with its noun: "1 file", "3 files".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Items joined with commas, or "none".
pub fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// One event as the trainee reads it.
pub fn event(scenario: &Scenario, event: &Event) -> String {
    escaped(&event_text(scenario, event))
}

fn event_text(scenario: &Scenario, event: &Event) -> String {
    let client = match first_name(&scenario.client.name).trim() {
        "" => "Client",
        name => name,
    };
    match event {
        Event::SessionStart {
            number,
            phase,
            symptoms,
        } => format!(
            "\n== Session {number} of {}, {} phase (symptom score {symptoms}/27) ==",
            scenario.course.time_limit,
            phase.label()
        ),
        Event::Client { text, speaker, .. } => {
            format!("{}: {text}", speaker.as_deref().unwrap_or(client))
        }
        Event::Trainee { text, written, .. } => match written {
            Some(own) => format!("You (wrote first: \"{own}\"): {text}"),
            None => format!("You: {text}"),
        },
        Event::Formulation { area, ticked } => {
            format!(
                "You formulated: {} (supported by {})",
                area.label(),
                ticked.join(", ")
            )
        }
        Event::Ended { kind, text } => format!("\n-- The course ended ({kind:?}): {text}"),
    }
}

/// The whole transcript.
pub fn transcript(scenario: &Scenario, events: &[Event]) -> String {
    events.iter().map(|e| event(scenario, e) + "\n").collect()
}

/// The scorecard: verdict, the pass rule gate by gate, headlines, then every item by phase
/// with its evidence.
pub fn scorecard(card: &Scorecard) -> String {
    escaped(&scorecard_text(card))
}

fn scorecard_text(card: &Scorecard) -> String {
    let mut out = String::new();
    let verdict = if card.passed { "PASS" } else { "NOT YET" };
    let _ = writeln!(
        out,
        "\nScorecard (scoring v{}): {}% overall ({}): {verdict}",
        card.version,
        card.percent,
        crate::scoring::points_in_words(card.total, card.full, 0)
    );
    for gate in &card.gates {
        let _ = writeln!(
            out,
            "  [{}] {}: {} (needs {})",
            if gate.passed { "met" } else { "NOT MET" },
            gate.gate.label(),
            gate.detail,
            gate.gate.rule()
        );
    }
    for h in &card.headlines {
        let _ = writeln!(
            out,
            "  {:<14} {:>3}% ({})",
            h.headline.label(),
            h.percent,
            h.detail()
        );
    }
    let mut group = None;
    for item in &card.items {
        let Some(info) = rubric::find(&item.item) else {
            continue;
        };
        if group != Some(info.group) {
            group = Some(info.group);
            let _ = writeln!(out, "  {}:", info.group.label());
        }
        let _ = writeln!(
            out,
            "    {:<40} {:>2}  {}",
            info.title,
            item.points,
            item.rating.label()
        );
        for e in &item.evidence {
            let void = if e.counts {
                ""
            } else {
                " (void: earns nothing)"
            };
            let _ = writeln!(
                out,
                "      {:?} by {} (session {}){void}",
                e.evidence, e.by, e.session
            );
            if let Some(rationale) = &e.rationale {
                let _ = writeln!(out, "        why: {rationale}");
            }
            if let Some(rule) = &e.rule {
                let _ = writeln!(out, "        rule: {rule}");
            }
            if let Some(expert) = &e.expert {
                let _ = writeln!(out, "        an expert might say: {expert}");
            }
        }
    }
    out
}
