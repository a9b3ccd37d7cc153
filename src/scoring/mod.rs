//! Scoring: the rubric and how evidence from choices becomes points.
//!
//! An item's points on a path are the sum of its evidence, held within the item's range: full
//! evidence earns 2, partial 1, evidence against costs 2. Doing half the sick role in one
//! session and the rest later adds up to full credit; a proscribed technique can only lose.

pub mod rubric;

use crate::scenario::model::{Answer, Evidence, ProblemArea};

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

/// The evidence a formulation gives for the `problem_area` item: full for the author's answer,
/// partial for a plausible alternative the author named, against for any other area.
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
