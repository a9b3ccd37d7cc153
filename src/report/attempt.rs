//! The report of one attempt, as data: what the HTML, Markdown and JSON exports all show. The
//! JSON export is this shape, serialised; its schema is `schema.json` beside this file, and
//! [`VERSION`] changes whenever the shape does.

use std::sync::Arc;

use serde::Serialize;

use super::{date, headline_id, mode_label, verdict};
use crate::scenario::model::{Scenario, first_name};
use crate::scoring::{self, Rating, rubric};
use crate::session::engine::{Event, Prompt};
use crate::session::record::AttemptRecord;
use crate::supervision::decisions::{self, Offer};
use crate::supervision::review::{self, Calibration, Review};

/// The version of the report's JSON shape.
pub const VERSION: u32 = 1;

/// What the `report` field of an attempt report says.
pub const KIND: &str = "ipt-trainer/attempt";

#[derive(Debug, Clone, Serialize)]
pub struct AttemptReport {
    pub report: &'static str,
    pub version: u32,
    pub attempt: Header,
    pub headlines: Vec<HeadlineRow>,
    pub gates: Vec<GateRow>,
    pub to_work_on: Vec<String>,
    pub items: Vec<ItemRow>,
    pub decisions: Vec<DecisionRow>,
    pub review: ReviewSummary,
    /// Why the replay stopped early or the score was recomputed, if it was.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub id: String,
    pub trainee: String,
    pub scenario: String,
    pub title: String,
    pub client: String,
    pub started_ms: u64,
    pub started: String,
    pub mode: String,
    pub finished: bool,
    pub ending: Option<String>,
    pub passed: bool,
    pub verdict: String,
    pub percent: u8,
    pub points: i64,
    pub full: i64,
    pub scoring: u32,
}

impl Header {
    /// "100% overall (36 of 36 points)", and "; unfinished, the score so far" when it is.
    pub fn score_line(&self) -> String {
        format!(
            "{}% overall ({} of {} points){}",
            self.percent,
            self.points,
            self.full,
            if self.finished {
                ""
            } else {
                "; unfinished, the score so far"
            }
        )
    }
}

/// The trainee's name as reports show it.
pub fn trainee_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "not named"
    } else {
        name
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HeadlineRow {
    pub id: &'static str,
    pub label: &'static str,
    pub percent: u8,
    pub points: i64,
    pub full: i64,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateRow {
    pub label: String,
    pub passed: bool,
    pub rule: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    pub id: String,
    pub title: String,
    pub phase: String,
    pub headline: Option<&'static str>,
    pub points: i64,
    pub max: i64,
    /// The app's rating, the trainee's self-rating and the supervisor's, as words.
    pub app: &'static str,
    #[serde(rename = "self")]
    pub trainee: Option<&'static str>,
    pub supervisor: Option<&'static str>,
    pub disagree: bool,
    pub evidence: Vec<EvidenceRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub session: u8,
    pub points: i64,
    pub counts: bool,
    pub said: String,
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub step: usize,
    pub session: u8,
    pub phase: &'static str,
    pub node: String,
    pub context: Vec<Line>,
    pub prompt: String,
    pub offered: Vec<Offer>,
    pub formulation: bool,
    pub said: String,
    pub written: Option<String>,
    pub took_ms: u64,
    pub points: i64,
    pub marks: Vec<MarkRow>,
    pub rationale: Option<String>,
    pub expert: Option<String>,
    pub comment: Option<String>,
}

impl DecisionRow {
    /// "Decision 4 · initial phase · 12 s"
    pub fn heading(&self) -> String {
        format!(
            "Decision {} · {} phase · {:.0} s",
            self.step + 1,
            self.phase,
            self.took_ms as f64 / 1000.0
        )
    }
}

/// A line of the conversation before a decision: who spoke and what they said, or a note.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub speaker: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MarkRow {
    pub item: String,
    pub title: String,
    pub points: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewSummary {
    pub supervisor: Option<String>,
    pub overall: Option<String>,
    pub comments: usize,
    pub self_rated: bool,
    pub supervisor_rated: bool,
    pub calibration: Option<Calibration>,
}

/// Every gate of the pass rule, met or not, with what it asks.
pub fn gate_rows(card: &scoring::Scorecard) -> Vec<GateRow> {
    card.gates
        .iter()
        .map(|g| GateRow {
            label: g.gate.label().to_owned(),
            passed: g.passed,
            rule: g.gate.rule(),
            detail: g.detail.clone(),
        })
        .collect()
}

fn some_text(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The report of an attempt: replayed on its scenario (so the decisions are exactly what was
/// shown), scored under today's rules, with the review if there is one.
pub fn build(
    scenario: Arc<Scenario>,
    record: &AttemptRecord,
    review: Option<&Review>,
) -> AttemptReport {
    let mut notes = Vec::new();
    // One replay gives the decisions, and the engine where it ended gives the scorecard.
    let decisions::Walk {
        decisions: walked,
        engine,
        stopped,
    } = decisions::decisions(Arc::clone(&scenario), record);
    notes.extend(stopped);
    let card = match (&engine, &record.scorecard) {
        (Some(engine), _) => engine.scorecard(),
        (None, Some(saved)) => saved.clone(),
        (None, None) => scoring::scorecard(&scenario, &[], &[]),
    };
    if record.scored_under_older_rules() {
        notes.push(format!(
            "First scored under scoring v{}; shown under today's rules (v{}).",
            record.scoring,
            scoring::VERSION
        ));
    }
    let ending = engine.as_ref().and_then(|e| match e.prompt() {
        Prompt::Ended { text, .. } => Some(text.clone()),
        _ => None,
    });
    let client = first_name(&scenario.client.name).to_owned();
    let rows = review::three_way(&card, review);
    let items = card
        .items
        .iter()
        .zip(&rows)
        .map(|(score, rated)| {
            let info = rubric::find(&score.item);
            ItemRow {
                id: score.item.clone(),
                title: rated.title.clone(),
                phase: rated.group.label().to_owned(),
                headline: rated.headline.map(headline_id),
                points: score.points,
                max: info.map_or(scoring::ITEM_MAX, scoring::item_max),
                app: rated.app.label(),
                trainee: rated.trainee.map(Rating::label),
                supervisor: rated.supervisor.map(Rating::label),
                disagree: rated.disagree(),
                evidence: score
                    .evidence
                    .iter()
                    .map(|e| EvidenceRow {
                        session: e.session,
                        points: e.points(),
                        counts: e.counts,
                        said: walked
                            .iter()
                            .find(|d| match &d.answer {
                                crate::session::engine::Answer::Choice { id, .. } => *id == e.by,
                                crate::session::engine::Answer::Formulation { .. } => {
                                    d.node == e.by
                                }
                            })
                            .map_or_else(|| e.by.clone(), |d| d.said.clone()),
                        rationale: e.rationale.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let decisions = walked
        .iter()
        .map(|d| DecisionRow {
            step: d.step,
            session: d.session,
            phase: d.phase.label(),
            node: d.node.clone(),
            context: d
                .context
                .iter()
                .filter_map(|e| match e {
                    Event::SessionStart {
                        number, symptoms, ..
                    } => Some(Line {
                        speaker: String::new(),
                        text: format!(
                            "Session {number} of {} (symptom score {symptoms} of {})",
                            scenario.course.time_limit,
                            crate::scenario::model::SYMPTOMS_MAX
                        ),
                    }),
                    Event::Client { text, speaker, .. } => Some(Line {
                        speaker: speaker.clone().unwrap_or_else(|| client.clone()),
                        text: text.clone(),
                    }),
                    _ => None,
                })
                .collect(),
            prompt: d.prompt.clone(),
            offered: d.offered.clone(),
            formulation: d.is_formulation(),
            said: d.said.clone(),
            written: d.written.clone(),
            took_ms: d.took_ms,
            points: d.points(),
            marks: d
                .earned
                .iter()
                .map(|e| MarkRow {
                    item: e.evidence.item().to_owned(),
                    title: rubric::find(e.evidence.item())
                        .map_or(e.evidence.item(), |i| i.title)
                        .to_owned(),
                    points: e.points(),
                })
                .collect(),
            rationale: d.rationale.clone(),
            expert: d.expert.clone(),
            comment: review.and_then(|r| r.comment(d.step)).map(str::to_owned),
        })
        .collect();
    AttemptReport {
        report: KIND,
        version: VERSION,
        attempt: Header {
            id: record.id.clone(),
            trainee: record.trainee.clone(),
            scenario: scenario.id.clone(),
            title: scenario.title.clone(),
            client: scenario.client.name.clone(),
            started_ms: record.started_ms,
            started: date(record.started_ms),
            mode: mode_label(record.mode).to_owned(),
            finished: record.finished,
            ending,
            passed: card.passed,
            verdict: verdict(card.passed).to_owned(),
            percent: card.percent,
            points: card.total,
            full: card.full,
            scoring: scoring::VERSION,
        },
        headlines: card
            .headlines
            .iter()
            .filter(|h| h.full > 0)
            .map(|h| HeadlineRow {
                id: headline_id(h.headline),
                label: h.headline.label(),
                percent: h.percent,
                points: h.points,
                full: h.full,
                passed: card
                    .gates
                    .iter()
                    .any(|g| g.gate == scoring::pass::Gate::Headline(h.headline) && g.passed),
            })
            .collect(),
        gates: gate_rows(&card),
        to_work_on: card.to_work_on(),
        items,
        decisions,
        review: ReviewSummary {
            supervisor: review.and_then(|r| some_text(&r.supervisor)),
            overall: review.and_then(|r| some_text(&r.overall)),
            comments: review.map_or(0, |r| {
                r.comments.values().filter(|c| !c.trim().is_empty()).count()
            }),
            self_rated: review.is_some_and(|r| !r.self_ratings.is_empty()),
            supervisor_rated: review.is_some_and(|r| !r.supervisor_ratings.is_empty()),
            calibration: review::calibration(&rows),
        },
        notes,
    }
}
