//! Progress over many attempts, and what to practise next: each headline skill attempt by
//! attempt, how the trainee's self-ratings compare, and a suggestion of the course that best
//! exercises the weakest headline not yet passed (or, once all are passed, the one passed
//! longest ago, so that a skill comes round again). Deterministic: the same history and library
//! give the same suggestion.

use std::collections::BTreeMap;

use serde::Serialize;

use super::review::{self, Calibration, Review};
use crate::scenario::model::{Node, Scenario, first_name};
use crate::scoring::pass::Gate;
use crate::scoring::rubric::{self, Headline};
use crate::session::engine::Mode;
use crate::session::record::AttemptRecord;

/// How long after a skill was last passed it is suggested again.
pub const REVISIT_AFTER_MS: u64 = 7 * DAY_MS;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// How many of the latest attempts' courses a suggestion avoids.
pub const AVOID_RECENT: usize = 2;

/// One finished attempt as progress sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub attempt: String,
    pub scenario: String,
    pub started_ms: u64,
    pub mode: Mode,
    pub passed: bool,
    pub percent: u8,
    /// The headlines the course assessed: percent and whether its gate was met.
    pub headlines: BTreeMap<Headline, HeadlinePoint>,
    /// How the self-rating compared, if the trainee rated themselves.
    pub calibration: Option<Calibration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeadlinePoint {
    pub percent: u8,
    pub passed: bool,
}

/// The finished attempts scored under today's rules (older scores are not comparable), oldest
/// first, with their reviews.
pub fn history(records: &[(AttemptRecord, Option<Review>)]) -> Vec<Point> {
    let mut points: Vec<Point> = records
        .iter()
        .filter(|(r, _)| r.finished && !r.scored_under_older_rules())
        .filter_map(|(record, review)| {
            let card = record.scorecard.as_ref()?;
            let headlines = card
                .headlines
                .iter()
                .filter(|h| h.full > 0)
                .map(|h| {
                    let passed = card
                        .gates
                        .iter()
                        .any(|g| g.gate == Gate::Headline(h.headline) && g.passed);
                    (
                        h.headline,
                        HeadlinePoint {
                            percent: h.percent,
                            passed,
                        },
                    )
                })
                .collect();
            Some(Point {
                attempt: record.id.clone(),
                scenario: record.scenario.clone(),
                started_ms: record.started_ms,
                mode: record.mode,
                passed: card.passed,
                percent: card.percent,
                headlines,
                calibration: review::calibration(&review::three_way(card, review.as_ref())),
            })
        })
        .collect();
    points.sort_by(|a, b| (a.started_ms, &a.attempt).cmp(&(b.started_ms, &b.attempt)));
    points
}

/// A course to practise next, the skill it is for, and why, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub scenario: String,
    pub headline: Headline,
    pub why: String,
}

/// How many decisions of a course bear on a headline: trainee turns with an option that earns
/// or loses on one of its items, and, for the problem area, the formulations.
pub fn exercises(scenario: &Scenario, headline: Headline) -> usize {
    let bears = |item: &str| rubric::find(item).is_some_and(|i| i.headline == Some(headline));
    scenario
        .nodes()
        .filter(|node| match node {
            Node::Trainee(turn) => turn
                .choices
                .iter()
                .any(|c| c.evidence.iter().any(|e| bears(e.item()))),
            Node::Formulation(_) => headline == Headline::ProblemArea,
            _ => false,
        })
        .count()
}

/// Where the trainee stands on one headline.
#[derive(Debug, Default, Clone, Copy)]
struct Standing {
    best: Option<u8>,
    last_passed_ms: Option<u64>,
}

/// What to practise next, or `None` when no course exercises any headline.
pub fn practise_next(library: &[&Scenario], history: &[Point], now_ms: u64) -> Option<Suggestion> {
    let mut standings: BTreeMap<Headline, Standing> = Headline::ALL
        .iter()
        .map(|&h| (h, Standing::default()))
        .collect();
    for point in history {
        for (headline, score) in &point.headlines {
            let standing = standings.entry(*headline).or_default();
            standing.best = standing.best.max(Some(score.percent));
            if score.passed {
                standing.last_passed_ms = standing.last_passed_ms.max(Some(point.started_ms));
            }
        }
    }
    let offered = |h: &Headline| library.iter().any(|s| exercises(s, *h) > 0);
    // The weakest headline not yet passed; else the one passed longest ago.
    let unpassed = standings
        .iter()
        .filter(|(h, s)| s.last_passed_ms.is_none() && offered(h))
        .min_by_key(|(_, s)| s.best.unwrap_or(0));
    let (headline, standing, fresh) = match unpassed {
        Some((h, s)) => (*h, *s, true),
        None => {
            let (h, s) = standings
                .iter()
                .filter(|(h, _)| offered(h))
                .min_by_key(|(_, s)| s.last_passed_ms)?;
            (*h, *s, false)
        }
    };
    let recent: Vec<&str> = history
        .iter()
        .rev()
        .take(AVOID_RECENT)
        .map(|p| p.scenario.as_str())
        .collect();
    let played = |id: &str| history.iter().filter(|p| p.scenario == id).count();
    let passed_here = |id: &str| {
        history
            .iter()
            .any(|p| p.scenario == id && p.headlines.get(&headline).is_some_and(|h| h.passed))
    };
    let candidates: Vec<(&Scenario, usize)> = library
        .iter()
        .map(|s| (*s, exercises(s, headline)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let not_recent: Vec<&(&Scenario, usize)> = candidates
        .iter()
        .filter(|(s, _)| !recent.contains(&s.id.as_str()))
        .collect();
    let pool = if not_recent.is_empty() {
        candidates.iter().collect()
    } else {
        not_recent
    };
    let (scenario, decisions) = pool.into_iter().min_by(|(a, na), (b, nb)| {
        (
            passed_here(&a.id),
            std::cmp::Reverse(*na),
            played(&a.id),
            &a.id,
        )
            .cmp(&(
                passed_here(&b.id),
                std::cmp::Reverse(*nb),
                played(&b.id),
                &b.id,
            ))
    })?;
    let skill = headline.label();
    // Mid-sentence the skill is a common noun: "the problem area".
    let the_skill = format!("the {}", skill.to_lowercase());
    let reason = match (fresh, standing.best) {
        (true, None) => format!("{skill} is a core skill you have not practised yet"),
        (true, Some(best)) => {
            format!("{skill} is your weakest core skill not yet passed (best so far {best}%)")
        }
        (false, _) => {
            let days = standing
                .last_passed_ms
                .map_or(0, |at| now_ms.saturating_sub(at) / DAY_MS);
            if now_ms.saturating_sub(standing.last_passed_ms.unwrap_or(0)) >= REVISIT_AFTER_MS {
                format!(
                    "You have passed every core skill, and {the_skill} was last passed {days} \
                     days ago: time to practise it again"
                )
            } else {
                format!(
                    "You have passed every core skill; {the_skill} is the one passed longest ago"
                )
            }
        }
    };
    let client = first_name(&scenario.client.name);
    let tried = match played(&scenario.id) {
        0 => ", and you have not tried it yet".to_owned(),
        1 => ", and you have played it once".to_owned(),
        n => format!(", and you have played it {n} times"),
    };
    Some(Suggestion {
        scenario: scenario.id.clone(),
        headline,
        why: format!("{reason}. {client}'s course asks for it in {decisions} decisions{tried}."),
    })
}
