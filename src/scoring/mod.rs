//! Scoring: the rubric and how evidence from choices becomes points.
//!
//! An item's points on a path are the sum of its evidence, held within the item's range: full
//! evidence earns 2, partial 1, evidence against costs 2. Doing half the sick role in one
//! session and the rest later adds up to full credit; a proscribed technique can only lose.

pub mod rubric;

use serde::{Deserialize, Serialize};

use crate::scenario::model::{Answer, Evidence, Node, Phase, ProblemArea, Scenario, Statement};

/// The most an item can earn.
pub const ITEM_MAX: i64 = 2;

/// The least an item can earn.
pub const ITEM_MIN: i64 = -2;

/// What one piece of evidence is worth to its item.
pub fn points(evidence: &Evidence) -> i64 {
    match evidence {
        Evidence::Full(_) => 2,
        Evidence::Partial(_) => 1,
        Evidence::Against(_) => -2,
    }
}

/// An item's points from the sum of its evidence on a path: proscribed items can only lose.
pub fn item_points(item: &rubric::Item, evidence_sum: i64) -> i64 {
    let max = if item.group == rubric::Group::Proscribed {
        0
    } else {
        ITEM_MAX
    };
    evidence_sum.clamp(ITEM_MIN, max)
}

/// The evidence a formulation gives for the `problem_area` item when its statements make the
/// case: full for the author's answer, partial for a plausible alternative the author named,
/// against for any other area. `analyze` uses it as the best a formulation can do.
pub fn area_evidence(answer: &Answer, chosen: ProblemArea) -> Evidence {
    let item = "problem_area".to_owned();
    if chosen == answer.problem_area {
        Evidence::Full(item)
    } else if answer.alternatives.iter().any(|a| a.area == chosen) {
        Evidence::Partial(item)
    } else {
        Evidence::Against(item)
    }
}

/// How well the statements ticked at a formulation make the case for the area chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Support {
    /// Statements on offer that support the area.
    pub supporting: usize,
    /// Of those, the ones ticked.
    pub ticked: usize,
    /// Ticked statements that do not support the area.
    pub stray: usize,
}

impl Support {
    pub fn of(statements: &[Statement], area: ProblemArea, ticked: &[String]) -> Self {
        let is_ticked = |s: &&Statement| ticked.contains(&s.id);
        let supports = |s: &&Statement| s.supports.contains(&area);
        Support {
            supporting: statements.iter().filter(supports).count(),
            ticked: statements.iter().filter(is_ticked).filter(supports).count(),
            stray: statements
                .iter()
                .filter(is_ticked)
                .filter(|s| !supports(s))
                .count(),
        }
    }

    /// At least half of what supports the area, and nothing that does not: a supervisor's
    /// "you can say why".
    pub fn is_sound(&self) -> bool {
        self.stray == 0 && self.ticked * 2 >= self.supporting
    }
}

/// The evidence a formulation gives: as [`area_evidence`], except that the right area on
/// unsound support (see [`Support::is_sound`]) is only partial.
pub fn formulation_evidence(answer: &Answer, chosen: ProblemArea, support: Support) -> Evidence {
    match area_evidence(answer, chosen) {
        Evidence::Full(item) if !support.is_sound() => Evidence::Partial(item),
        other => other,
    }
}

/// IPT's timing rules, applied to evidence as it is earned: the responsibility half of the sick
/// role earns full credit only in the initial phase, and an ending raised only in the course's
/// last session was not raised ahead.
pub fn timed(evidence: Evidence, phase: Phase, session: u8, time_limit: u8) -> Evidence {
    match evidence {
        Evidence::Full(item) if item == "sick_role_responsibility" && phase != Phase::Initial => {
            Evidence::Partial(item)
        }
        Evidence::Full(item) if item == "ending_raised_ahead" && session >= time_limit => {
            Evidence::Partial(item)
        }
        other => other,
    }
}

/// The items a scenario can award points for: the denominator of every percentage.
pub fn assessable_items(scenario: &Scenario) -> Vec<&'static rubric::Item> {
    let mut offered: Vec<&str> = Vec::new();
    for session in &scenario.course.sessions {
        for node in &session.nodes {
            match node {
                Node::Trainee(turn) => {
                    for choice in &turn.choices {
                        for evidence in &choice.evidence {
                            if points(evidence) > 0 {
                                offered.push(evidence.item());
                            }
                        }
                    }
                }
                Node::Formulation(_) => offered.push("problem_area"),
                _ => {}
            }
        }
    }
    rubric::ITEMS
        .iter()
        .filter(|item| item.group != rubric::Group::Proscribed && offered.contains(&item.id))
        .collect()
}

/// A piece of evidence as the trainee earned it, with what a supervisor needs to review it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Earned {
    pub evidence: Evidence,
    /// The choice (or formulation) that earned it.
    pub by: String,
    pub session: u8,
    pub rationale: Option<String>,
    /// What an expert would have said there, when the trainee said something else.
    pub expert: Option<String>,
}

/// How a supervisor would mark an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    NotDone,
    Partial,
    Done,
    /// Evidence against outweighs what was done (or a proscribed technique was used).
    MarkedDown,
}

impl Rating {
    /// The rating as a supervisor writes it.
    pub fn label(self) -> &'static str {
        match self {
            Rating::NotDone => "not done",
            Rating::Partial => "partial",
            Rating::Done => "done",
            Rating::MarkedDown => "marked down",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemScore {
    pub item: String,
    pub points: i64,
    pub rating: Rating,
    pub evidence: Vec<Earned>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadlineScore {
    pub headline: rubric::Headline,
    pub points: i64,
    pub full: i64,
    pub percent: u8,
}

/// The debrief's numbers: every item, the three headline skills, the total and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub items: Vec<ItemScore>,
    pub headlines: Vec<HeadlineScore>,
    pub total: i64,
    pub full: i64,
    pub percent: u8,
    /// A disclosure of suicidal thoughts went unaddressed: the grade is capped and fails.
    pub safety_capped: bool,
    pub passed: bool,
}

/// Overall percentage needed to pass.
pub const PASS_PERCENT: u8 = 70;
/// Percentage each headline skill needs for a pass.
pub const HEADLINE_PASS_PERCENT: u8 = 60;
/// The most an attempt can score when a risk disclosure went unaddressed.
pub const SAFETY_CAP_PERCENT: u8 = 40;

fn percent(points: i64, full: i64) -> u8 {
    if full <= 0 {
        return 100;
    }
    u8::try_from((points.max(0) * 100 / full).min(100)).unwrap_or(100)
}

/// Scores an attempt from the evidence it earned. `risk_disclosed` says whether the client
/// disclosed suicidal thoughts during it.
pub fn scorecard(scenario: &Scenario, earned: &[Earned], risk_disclosed: bool) -> Scorecard {
    let assessable = assessable_items(scenario);
    let items: Vec<ItemScore> = rubric::ITEMS
        .iter()
        .filter(|item| {
            assessable.contains(item) || earned.iter().any(|e| e.evidence.item() == item.id)
        })
        .map(|item| {
            let evidence: Vec<Earned> = earned
                .iter()
                .filter(|e| e.evidence.item() == item.id)
                .cloned()
                .collect();
            let points = item_points(item, evidence.iter().map(|e| points(&e.evidence)).sum());
            let rating = match points {
                p if p < 0 => Rating::MarkedDown,
                0 => Rating::NotDone,
                p if p < ITEM_MAX => Rating::Partial,
                _ => Rating::Done,
            };
            ItemScore {
                item: item.id.to_owned(),
                points,
                rating,
                evidence,
            }
        })
        .collect();
    let sum = |filter: &dyn Fn(&rubric::Item) -> bool| -> (i64, i64) {
        let points = items
            .iter()
            .filter(|s| rubric::find(&s.item).is_some_and(filter))
            .map(|s| s.points)
            .sum();
        let full = assessable.iter().filter(|i| filter(i)).count() as i64 * ITEM_MAX;
        (points, full)
    };
    let headlines: Vec<HeadlineScore> = rubric::Headline::ALL
        .iter()
        .map(|&headline| {
            let (points, full) = sum(&|item| item.headline == Some(headline));
            HeadlineScore {
                headline,
                points,
                full,
                percent: percent(points, full),
            }
        })
        .collect();
    let (total, full) = sum(&|_| true);
    let risk_points = items
        .iter()
        .find(|s| s.item == "risk_addressed")
        .map_or(0, |s| s.points);
    let safety_capped = risk_points < 0 || (risk_disclosed && risk_points <= 0);
    let mut overall = percent(total, full);
    if safety_capped {
        overall = overall.min(SAFETY_CAP_PERCENT);
    }
    let passed = !safety_capped
        && overall >= PASS_PERCENT
        && headlines
            .iter()
            .all(|h| h.full == 0 || h.percent >= HEADLINE_PASS_PERCENT);
    Scorecard {
        items,
        headlines,
        total,
        full,
        percent: overall,
        safety_capped,
        passed,
    }
}
