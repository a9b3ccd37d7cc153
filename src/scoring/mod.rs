//! Scoring: the rubric, the rules that turn a trainee's choices into evidence, how evidence
//! becomes points, and the pass rule.
//!
//! Scoring v2. Full evidence earns 2, partial 1, evidence against costs 2. An item's positive
//! credit is capped at 2 first, then every piece of evidence against subtracts (down to -2), so
//! a later mistake is never hidden by an earlier success. A proscribed technique can only lose.
//! What counts, and when, is in [`rules`]; what passing takes is in [`pass`].

pub mod pass;
pub mod rubric;
pub mod rules;

use serde::{Deserialize, Serialize};

use crate::scenario::model::{Evidence, Node, Scenario};
use pass::{GateResult, RiskEvent};

/// The scoring rules' version, kept in every attempt record and scorecard so that a record
/// scored under older rules is never mistaken for one scored under these.
pub const VERSION: u32 = 2;

/// The version of records and scorecards saved before versions were kept.
pub fn first_version() -> u32 {
    1
}

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

/// What a piece of evidence is worth as it stands: nothing when a rule voided it.
pub fn counted_points(evidence: &Evidence, counts: bool) -> i64 {
    if counts { points(evidence) } else { 0 }
}

/// The most an item can earn: proscribed items can only lose.
pub fn item_max(item: &rubric::Item) -> i64 {
    if item.group == rubric::Group::Proscribed {
        0
    } else {
        ITEM_MAX
    }
}

/// An item's points from its positive `credit` and the points `against` it (both summed over
/// the evidence that counts): credit capped first, then every penalty subtracted, so that a
/// later mistake is never absorbed by an earlier success.
pub fn item_points(item: &rubric::Item, credit: i64, against: i64) -> i64 {
    (credit.min(item_max(item)) - against).max(ITEM_MIN)
}

/// A piece of evidence as the trainee earned it, with what a supervisor needs to review it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Earned {
    pub evidence: Evidence,
    /// The choice, formulation or client line that earned it.
    pub by: String,
    pub session: u8,
    pub rationale: Option<String>,
    /// What an expert would have said there, when the trainee said something else.
    pub expert: Option<String>,
    /// The scoring rule that changed or added this evidence, in a sentence (e.g. the sick role
    /// given after the initial phase earns partial credit only).
    #[serde(default)]
    pub rule: Option<String>,
    /// False when a rule voids the evidence: it is shown, but earns nothing.
    #[serde(default = "counts_by_default")]
    pub counts: bool,
}

fn counts_by_default() -> bool {
    true
}

impl Earned {
    /// The points this piece of evidence is worth as it stands: nothing when voided.
    pub fn points(&self) -> i64 {
        counted_points(&self.evidence, self.counts)
    }
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
    /// How many pieces of evidence against its items were counted.
    #[serde(default)]
    pub against: usize,
}

impl HeadlineScore {
    /// The points in words: "5 of 6 points", "no credit; 2 marks against".
    pub fn detail(&self) -> String {
        points_in_words(self.points, self.full, self.against)
    }
}

/// Points in words, never a negative fraction: "5 of 6 points; 1 mark against", "no credit".
pub fn points_in_words(points: i64, full: i64, against: usize) -> String {
    let credit = if points > 0 {
        format!("{points} of {full} points")
    } else {
        "no credit".to_owned()
    };
    match against {
        0 => credit,
        1 => format!("{credit}; 1 mark against"),
        n => format!("{credit}; {n} marks against"),
    }
}

/// The debrief's numbers: every item, the three headline skills, the total, the gates of the
/// pass rule and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The scoring rules that made this scorecard.
    #[serde(default = "first_version")]
    pub version: u32,
    pub items: Vec<ItemScore>,
    pub headlines: Vec<HeadlineScore>,
    pub total: i64,
    pub full: i64,
    pub percent: u8,
    /// Every gate of the pass rule, met or not, with why.
    #[serde(default)]
    pub gates: Vec<GateResult>,
    /// Every risk cue and disclosure the client made, and whether it was answered in time.
    #[serde(default)]
    pub risks: Vec<RiskEvent>,
    pub passed: bool,
}

impl Scorecard {
    /// The score of one item, if the scenario assesses it or evidence touched it.
    /// The items not fully earned, weakest first, as "title (rating)". A proscribed
    /// technique left alone is as it should be: only its use is a weakness.
    pub fn to_work_on(&self) -> Vec<String> {
        let mut weak: Vec<(&ItemScore, &rubric::Item)> = self
            .items
            .iter()
            .filter_map(|i| rubric::find(&i.item).map(|info| (i, info)))
            .filter(|(i, info)| match info.group {
                rubric::Group::Proscribed => i.rating == Rating::MarkedDown,
                _ => i.rating != Rating::Done,
            })
            .collect();
        weak.sort_by_key(|(i, _)| i.points);
        weak.iter()
            .map(|(i, info)| format!("{} ({})", info.title, i.rating.label()))
            .collect()
    }

    pub fn item(&self, id: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.item == id)
    }

    pub fn headline(&self, which: rubric::Headline) -> Option<&HeadlineScore> {
        self.headlines.iter().find(|h| h.headline == which)
    }
}

/// The items a scenario can award points for: the denominator of every percentage.
pub fn assessable_items(scenario: &Scenario) -> Vec<&'static rubric::Item> {
    let mut offered: Vec<&str> = Vec::new();
    for node in scenario.nodes() {
        match node {
            Node::Trainee(turn) => offered.extend(
                turn.choices
                    .iter()
                    .flat_map(|c| &c.evidence)
                    .filter(|e| points(e) > 0)
                    .map(Evidence::item),
            ),
            Node::Formulation(_) => offered.push(rubric::DECIDING_ITEM),
            _ => {}
        }
    }
    rubric::ITEMS
        .iter()
        .filter(|item| item.group != rubric::Group::Proscribed && offered.contains(&item.id))
        .collect()
}

fn percent(points: i64, full: i64) -> u8 {
    if full <= 0 {
        return 100;
    }
    u8::try_from((points.max(0) * 100 / full).min(100)).unwrap_or(100)
}

/// Scores an attempt from the evidence it earned and the risk cues and disclosures that came
/// up in it.
pub fn scorecard(scenario: &Scenario, earned: &[Earned], risks: &[RiskEvent]) -> Scorecard {
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
            let credit = evidence.iter().map(Earned::points).filter(|p| *p > 0).sum();
            let against = -evidence
                .iter()
                .map(Earned::points)
                .filter(|p| *p < 0)
                .sum::<i64>();
            let points = item_points(item, credit, against);
            let rating = match points {
                p if p < 0 => Rating::MarkedDown,
                0 if against > 0 => Rating::MarkedDown,
                0 => Rating::NotDone,
                p if p < item_max(item) => Rating::Partial,
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
        let points = in_group(&items, filter).map(|s| s.points).sum();
        let full = assessable
            .iter()
            .filter(|i| filter(i))
            .map(|i| item_max(i))
            .sum();
        (points, full)
    };
    let headlines: Vec<HeadlineScore> = rubric::Headline::ALL
        .iter()
        .map(|&headline| {
            let members = |item: &rubric::Item| item.headline == Some(headline);
            let (points, full) = sum(&members);
            let against = in_group(&items, &members)
                .flat_map(|s| &s.evidence)
                .filter(|e| e.points() < 0)
                .count();
            HeadlineScore {
                headline,
                points,
                full,
                percent: percent(points, full),
                against,
            }
        })
        .collect();
    let (total, full) = sum(&|_| true);
    let overall = percent(total, full);
    let gates = pass::gates(scenario, overall, &headlines, &items, risks);
    Scorecard {
        version: VERSION,
        passed: gates.iter().all(|g| g.passed),
        items,
        headlines,
        total,
        full,
        percent: overall,
        gates,
        risks: risks.to_vec(),
    }
}

/// The scores of the items a filter picks.
fn in_group<'a>(
    items: &'a [ItemScore],
    filter: &'a dyn Fn(&rubric::Item) -> bool,
) -> impl Iterator<Item = &'a ItemScore> {
    items
        .iter()
        .filter(move |s| rubric::find(&s.item).is_some_and(filter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> &'static rubric::Item {
        rubric::find(id).unwrap_or(&rubric::ITEMS[0])
    }

    #[test]
    fn credit_is_capped_before_penalties_subtract() {
        let ending = item("ending_feelings");
        // Full then Against: the later mistake shows (0), it is not absorbed (was 2 - 2 + ...).
        assert_eq!(item_points(ending, 2, 2), 0);
        // Two Fulls and an Against: credit capped at 2 first, so the Against still costs.
        assert_eq!(item_points(ending, 4, 2), 0);
        assert_eq!(item_points(ending, 1, 2), -1);
        assert_eq!(item_points(ending, 0, 6), ITEM_MIN);
        let proscribed = item("transference");
        assert_eq!(item_points(proscribed, 2, 0), 0);
        assert_eq!(item_points(proscribed, 0, 2), -2);
    }

    #[test]
    fn points_read_plainly_when_negative() {
        assert_eq!(points_in_words(5, 6, 0), "5 of 6 points");
        assert_eq!(points_in_words(-4, 10, 2), "no credit; 2 marks against");
        assert_eq!(points_in_words(0, 6, 0), "no credit");
        assert_eq!(points_in_words(3, 6, 1), "3 of 6 points; 1 mark against");
    }
}
