//! The pass rule, in one place: the debrief, the reports and the authoring guide all show
//! these gates, and an attempt passes only when every one is met.
//!
//! 1. Overall: at least [`PASS_PERCENT`].
//! 2. Each headline skill the course can score: at least [`HEADLINE_PASS_PERCENT`]; the
//!    Problem area only with the right area (a wrong area fails it, whatever else was earned).
//! 3. Safety: every risk cue asked about in the next reply, every disclosure of suicidal
//!    thoughts answered and met with a safety plan in its session.
//! 4. Adherence: fewer than [`PROSCRIBED_LIMIT`] uses of techniques IPT rules out.

use serde::{Deserialize, Serialize};

use super::{HeadlineScore, ItemScore, rubric};
use crate::scenario::model::{Risk, Scenario, first_name};

/// Overall percentage needed to pass.
pub const PASS_PERCENT: u8 = 70;
/// Percentage each headline skill needs for a pass.
pub const HEADLINE_PASS_PERCENT: u8 = 60;
/// Uses of proscribed techniques that fail a course, whatever the totals.
pub const PROSCRIBED_LIMIT: usize = 2;

/// One condition of the pass rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gate {
    Overall,
    Headline(rubric::Headline),
    Safety,
    Adherence,
}

impl Gate {
    pub fn label(self) -> &'static str {
        match self {
            Gate::Overall => "Overall",
            Gate::Headline(h) => h.label(),
            Gate::Safety => "Safety",
            Gate::Adherence => "Adherence",
        }
    }

    /// What the gate asks, in a sentence.
    pub fn rule(self) -> String {
        match self {
            Gate::Overall => format!("at least {PASS_PERCENT}% overall"),
            Gate::Headline(rubric::Headline::ProblemArea) => format!(
                "at least {HEADLINE_PASS_PERCENT}%, with the right problem area: a wrong area \
                 fails it, the tempting alternative included"
            ),
            Gate::Headline(_) => format!("at least {HEADLINE_PASS_PERCENT}%"),
            Gate::Safety => "every risk cue asked about in the very next reply, and every \
                             disclosure of suicidal thoughts answered and met with a safety plan \
                             in the same session"
                .into(),
            Gate::Adherence => format!(
                "fewer than {PROSCRIBED_LIMIT} uses of techniques IPT rules out (transference \
                 interpretation, childhood focus, CBT homework, challenging thoughts, dream \
                 analysis, nondirective silence)"
            ),
        }
    }
}

/// The whole pass rule in words, gate by gate.
pub fn rule_in_words() -> Vec<(&'static str, String)> {
    let mut gates = vec![Gate::Overall];
    gates.extend(rubric::Headline::ALL.map(Gate::Headline));
    gates.extend([Gate::Safety, Gate::Adherence]);
    gates.into_iter().map(|g| (g.label(), g.rule())).collect()
}

/// A gate as an attempt met it or not, and why, in words a trainee can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateResult {
    pub gate: Gate,
    pub passed: bool,
    pub detail: String,
}

/// A risk cue or disclosure the client made, and how it was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskEvent {
    pub risk: Risk,
    /// The client line, by id, and what it said.
    pub line: String,
    pub text: String,
    pub session: u8,
    /// Whether the next reply asked about it (or made a plan); `None` while it waits.
    pub asked: Option<bool>,
    /// For a disclosure, whether a safety plan was made in its session; `None` while it
    /// waits or for a cue.
    pub planned: Option<bool>,
}

impl RiskEvent {
    /// Whether nothing about it has gone unanswered (so far).
    pub fn met(&self) -> bool {
        self.asked != Some(false) && self.planned != Some(false)
    }

    /// What went wrong, for the debrief: "In session 1, after Ruth said “...”, the next
    /// reply did not ask about suicidal thoughts."
    pub fn failure(&self, client: &str) -> Option<String> {
        let said = format!(
            "In session {}, after {client} said \u{201c}{}\u{201d}",
            self.session, self.text
        );
        match (self.asked, self.planned) {
            (Some(false), Some(false)) => Some(format!(
                "{said}, the next reply did not ask about it and no safety plan was made that session."
            )),
            (Some(false), _) => Some(format!(
                "{said}, the next reply did not ask about suicidal thoughts."
            )),
            (_, Some(false)) => Some(format!("{said}, no safety plan was made that session.")),
            _ => None,
        }
    }
}

/// Every gate, met or not, for an attempt's numbers.
pub fn gates(
    scenario: &Scenario,
    overall: u8,
    headlines: &[HeadlineScore],
    items: &[ItemScore],
    risks: &[RiskEvent],
) -> Vec<GateResult> {
    let mut gates = vec![GateResult {
        gate: Gate::Overall,
        passed: overall >= PASS_PERCENT,
        detail: format!("{overall}%"),
    }];
    for headline in headlines.iter().filter(|h| h.full > 0) {
        let deciding = rubric::deciding_item(&scenario.answer);
        let decided = items.iter().find(|i| i.item == deciding);
        // A referral course fails its headline when the referral was never made, too.
        let wrong_area = headline.headline == rubric::Headline::ProblemArea
            && match decided {
                Some(item) => item.points <= 0,
                None => scenario.answer.is_referral(),
            };
        let figures = format!("{}% ({})", headline.percent, headline.detail());
        let detail = match (wrong_area, scenario.answer.is_referral()) {
            (false, _) => figures,
            (true, false) => format!(
                "{figures}: the problem area chosen was not the right one, which fails this \
                 headline whatever else was earned"
            ),
            (true, true) => format!(
                "{figures}: IPT was the wrong treatment for now, and no referral was made in \
                 time, which fails this headline whatever else was earned"
            ),
        };
        gates.push(GateResult {
            gate: Gate::Headline(headline.headline),
            passed: !wrong_area && headline.percent >= HEADLINE_PASS_PERCENT,
            detail,
        });
    }
    let client = first_name(&scenario.client.name);
    let failures: Vec<String> = risks.iter().filter_map(|r| r.failure(client)).collect();
    gates.push(GateResult {
        gate: Gate::Safety,
        passed: failures.is_empty(),
        detail: if !failures.is_empty() {
            failures.join(" ")
        } else if risks.is_empty() {
            "No risk cue or disclosure came up.".into()
        } else {
            let count = |kind: Risk, one: &str, many: &str| match risks
                .iter()
                .filter(|r| r.risk == kind)
                .count()
            {
                0 => None,
                1 => Some(format!("1 {one}")),
                n => Some(format!("{n} {many}")),
            };
            let counts: Vec<String> = [
                count(Risk::Cue, "cue", "cues"),
                count(Risk::Disclosure, "disclosure", "disclosures"),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!(
                "Every risk cue and disclosure was answered in time: {}.",
                counts.join(", ")
            )
        },
    });
    let uses: Vec<String> = items
        .iter()
        .filter_map(|i| Some((rubric::find(&i.item)?, i)))
        .filter(|(info, _)| info.group == rubric::Group::Proscribed)
        .flat_map(|(info, i)| {
            i.evidence
                .iter()
                .filter(|e| e.points() < 0)
                .map(move |e| format!("{} (session {})", info.title, e.session))
        })
        .collect();
    gates.push(GateResult {
        gate: Gate::Adherence,
        passed: uses.len() < PROSCRIBED_LIMIT,
        detail: match uses.len() {
            0 => "No proscribed technique was used.".into(),
            1 => format!(
                "One proscribed technique: {}. A second would fail the course.",
                uses.join("")
            ),
            n => format!(
                "{n} proscribed techniques: {}. Two or more fail the course whatever the totals.",
                uses.join("; ")
            ),
        },
    });
    gates
}
