//! An attempt stepped through decision by decision, as a supervisor goes through it: what the
//! client had just said, every option offered in the order the trainee saw it, what was chosen
//! (and what the trainee first wrote), how long it took, what it earned and why, and what an
//! expert would have said. Rebuilt by replaying the record, so it is exactly what was shown.

use std::sync::Arc;

use serde::Serialize;

use crate::scenario::model::{Phase, Scenario};
use crate::scoring::Earned;
use crate::session::engine::{Answer, Engine, Event, Prompt};
use crate::session::record::AttemptRecord;

/// One decision of an attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Its place in the record (0 is the first answer); comments are kept by it.
    pub step: usize,
    pub session: u8,
    pub phase: Phase,
    pub node: String,
    /// What happened since the previous decision: session starts and what the client (or
    /// someone else in the room) said.
    pub context: Vec<Event>,
    pub prompt: String,
    /// Every option (or formulation statement) offered, in the order shown.
    pub offered: Vec<Offer>,
    pub answer: Answer,
    /// The chosen option's text, or the formulation in words.
    pub said: String,
    /// What the trainee first wrote in their own words, if they did.
    pub written: Option<String>,
    pub took_ms: u64,
    pub earned: Vec<Earned>,
    pub rationale: Option<String>,
    /// The expert alternative, when the trainee chose something else.
    pub expert: Option<String>,
}

/// An option as it was offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub id: String,
    pub text: String,
    /// Whether the trainee chose it (or, in a formulation, ticked it).
    pub chosen: bool,
    /// Whether it is the expert's choice (or a statement that supports the right area).
    pub expert: bool,
}

impl Decision {
    /// The points this decision earned, as they count.
    pub fn points(&self) -> i64 {
        self.earned.iter().map(Earned::points).sum()
    }

    pub fn is_formulation(&self) -> bool {
        matches!(self.answer, Answer::Formulation { .. })
    }
}

/// A record replayed decision by decision: the decisions, the engine where the replay ended
/// (for the scorecard and the ending; `None` when the course could not even start), and why it
/// stopped early, if it did.
pub struct Walk {
    pub decisions: Vec<Decision>,
    pub engine: Option<Engine>,
    pub stopped: Option<String>,
}

/// Every decision of a record, replayed on its scenario. Stops at the first answer that no
/// longer fits the scenario (when it changed since), with why.
pub fn decisions(scenario: Arc<Scenario>, record: &AttemptRecord) -> Walk {
    let mut engine = match Engine::new(scenario, record.seed) {
        Ok(engine) => engine,
        Err(error) => {
            return Walk {
                decisions: Vec::new(),
                engine: None,
                stopped: Some(error.to_string()),
            };
        }
    };
    let mut decisions = Vec::new();
    let mut seen = 0;
    for (step, kept) in record.steps.iter().enumerate() {
        let context = engine.transcript[seen..]
            .iter()
            .filter(|e| matches!(e, Event::Client { .. } | Event::SessionStart { .. }))
            .cloned()
            .collect();
        let expert = engine.expert_answer();
        let (node, prompt, offered) = match engine.prompt() {
            Prompt::Choose {
                node,
                prompt,
                options,
            } => (node.clone(), prompt.clone(), options.clone()),
            Prompt::Formulate {
                node,
                prompt,
                statements,
            } => (node.clone(), prompt.clone(), statements.clone()),
            Prompt::Ended { .. } => break,
        };
        let (session, phase) = engine.session().unwrap_or((1, Phase::Initial));
        let is_expert = |id: &str| match &expert {
            Some(Answer::Choice { id: e, .. }) => e == id,
            Some(Answer::Formulation { ticked, .. }) => ticked.iter().any(|t| t == id),
            None => false,
        };
        let is_chosen = |id: &str| match &kept.answer {
            Answer::Choice { id: c, .. } => c == id,
            Answer::Formulation { ticked, .. } => ticked.iter().any(|t| t == id),
        };
        let offered: Vec<Offer> = offered
            .into_iter()
            .map(|o| Offer {
                chosen: is_chosen(&o.id),
                expert: is_expert(&o.id),
                id: o.id,
                text: o.text,
            })
            .collect();
        let feedback = match engine.answer(&kept.answer) {
            Ok(feedback) => feedback,
            Err(error) => {
                return Walk {
                    decisions,
                    engine: Some(engine),
                    stopped: Some(format!(
                        "the attempt no longer fits the scenario at step {}: {error}",
                        step + 1
                    )),
                };
            }
        };
        let (said, written) = match &kept.answer {
            Answer::Choice { id, written } => (
                offered
                    .iter()
                    .find(|o| &o.id == id)
                    .map_or_else(|| id.clone(), |o| o.text.clone()),
                written.clone(),
            ),
            Answer::Formulation { area, ticked } => (
                format!(
                    "The problem area is {} (ticked {} of {} statements).",
                    area.label(),
                    ticked.len(),
                    offered.len()
                ),
                None,
            ),
        };
        decisions.push(Decision {
            step,
            session,
            phase,
            node,
            context,
            prompt,
            offered,
            answer: kept.answer.clone(),
            said,
            written,
            took_ms: kept.took_ms,
            earned: feedback.earned,
            rationale: feedback.rationale,
            expert: feedback.expert,
        });
        // The client's lines after this answer are the next decision's context.
        seen = engine
            .feedback
            .last()
            .map_or(engine.transcript.len(), |(index, _)| index + 1);
    }
    Walk {
        decisions,
        engine: Some(engine),
        stopped: None,
    }
}
