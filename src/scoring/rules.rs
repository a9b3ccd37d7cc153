//! IPT's rules applied to evidence as it is earned, the same in every scenario: timing (the
//! sick role in the initial phase, the ending raised with sessions to spare), the problem area
//! driving what counts after the formulation, reformulation, and the response to risk. The
//! engine applies them while a course is played and `analyze` applies the same functions to
//! every path, so the two never disagree.

use crate::scenario::model::{Evidence, Phase, ProblemArea, Statement};

use super::{points, rubric};

/// Evidence after a rule has had its say: what counts, and why it changed, if it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruled {
    pub evidence: Evidence,
    /// False when the rule voids it: shown, but worth nothing.
    pub counts: bool,
    pub rule: Option<&'static str>,
}

impl Ruled {
    fn kept(evidence: Evidence) -> Self {
        Ruled {
            evidence,
            counts: true,
            rule: None,
        }
    }

    /// The points it is worth as it stands.
    pub fn points(&self) -> i64 {
        super::counted_points(&self.evidence, self.counts)
    }
}

/// Sessions to go after the one the ending is raised in, for it to count as raised ahead.
pub const ENDING_AHEAD_SESSIONS: u8 = 2;

pub const SICK_ROLE_LATE: &str =
    "The sick role is given in the initial phase; given later it earns partial credit only.";
pub const ENDING_LATE: &str = "The ending is raised well ahead, with at least two sessions to go after this one; raised later it earns partial credit only.";
pub const WRONG_AREA: &str = "Strategies count only on the right problem area: the course is working on the area you formulated, which is not the one this client's story supports.";

/// Where the course stands when a choice is made: what the timing and area rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub phase: Phase,
    /// The session's number in the course.
    pub session: u8,
    pub time_limit: u8,
    /// Whether the area formulated so far is the right one; `None` before any formulation.
    pub on_right_area: Option<bool>,
}

/// A choice's evidence under the rules of the moment it is chosen in.
pub fn rule(evidence: &Evidence, moment: Moment) -> Ruled {
    let item = evidence.item();
    let late_sick_role = matches!(item, "sick_role_legitimise" | "sick_role_responsibility")
        && moment.phase != Phase::Initial;
    let late_ending = item == "ending_raised_ahead"
        && moment.time_limit.saturating_sub(moment.session) < ENDING_AHEAD_SESSIONS;
    match evidence {
        Evidence::Full(item) if late_sick_role || late_ending => Ruled {
            evidence: Evidence::Partial(item.clone()),
            counts: true,
            rule: Some(if late_sick_role {
                SICK_ROLE_LATE
            } else {
                ENDING_LATE
            }),
        },
        Evidence::Full(_) | Evidence::Partial(_)
            if item == "area_strategies" && moment.on_right_area == Some(false) =>
        {
            Ruled {
                evidence: evidence.clone(),
                counts: false,
                rule: Some(WRONG_AREA),
            }
        }
        _ => Ruled::kept(evidence.clone()),
    }
}

/// A choice's change to the symptom score: no improvement while the course works on a wrong
/// problem area (worsening still counts).
pub fn symptom_change(delta: i32, on_right_area: Option<bool>) -> i32 {
    if on_right_area == Some(false) {
        delta.max(0)
    } else {
        delta
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

/// The evidence a formulation earns for the problem area, given the area formulated `before`
/// (at an earlier formulation, if any):
/// - the first formulation: the right area on sound support is full, on thin support partial;
///   any wrong area, the scenario's listed alternative included, is against;
/// - a reformulation: moving from a wrong area to the right one recovers part (partial), never
///   all, since the earlier mark against stands; moving to another wrong area, or away from the
///   right one, is against; keeping the same area earns nothing new.
pub fn formulation_evidence(
    answer: ProblemArea,
    before: Option<ProblemArea>,
    chosen: ProblemArea,
    sound: bool,
) -> Option<Evidence> {
    let item = rubric::DECIDING_ITEM.to_owned();
    let right = chosen == answer;
    match before {
        None if right && sound => Some(Evidence::Full(item)),
        None if right => Some(Evidence::Partial(item)),
        Some(earlier) if earlier == chosen => None,
        Some(_) if right => Some(Evidence::Partial(item)),
        _ => Some(Evidence::Against(item)),
    }
}

/// Whether a reply's evidence responds to risk: a direct question or a safety plan.
pub fn responds_to_risk(evidence: &[Evidence]) -> bool {
    evidence
        .iter()
        .any(|e| points(e) > 0 && matches!(e.item(), rubric::RISK_ASKED | rubric::RISK_PLAN))
}

/// Whether a reply's evidence makes a safety plan.
pub fn makes_plan(evidence: &[Evidence]) -> bool {
    evidence
        .iter()
        .any(|e| points(e) > 0 && e.item() == rubric::RISK_PLAN)
}

/// Whether the author already marked this reply down for not asking (so that the engine does
/// not mark the same lapse twice).
pub fn already_marked_down(evidence: &[Evidence]) -> bool {
    evidence
        .iter()
        .any(|e| matches!(e, Evidence::Against(i) if i == rubric::RISK_ASKED))
}

pub const RISK_RULE: &str =
    "Added by the risk rule, the same in every scenario: risk is answered in time.";
pub const CUE_UNASKED: &str = "A cue of hopelessness or a disclosure calls for a direct question about suicidal thoughts in the very next reply, before any other task; asking does not plant the idea.";
pub const SESSION_ENDED_UNASKED: &str =
    "The session ended before any reply asked about the cue of hopelessness.";
pub const NO_PLAN: &str = "A disclosure of suicidal thoughts calls for a safety plan in the same session (warning signs, who to call, means made safer, reasons for living); reassurance alone is not a plan.";

#[cfg(test)]
mod tests {
    use super::*;
    use ProblemArea::*;

    fn moment(phase: Phase, session: u8, on_right_area: Option<bool>) -> Moment {
        Moment {
            phase,
            session,
            time_limit: 12,
            on_right_area,
        }
    }

    #[test]
    fn timing_and_area_rules() {
        let full = |i: &str| Evidence::Full(i.to_owned());
        let late = rule(
            &full("sick_role_responsibility"),
            moment(Phase::Middle, 6, Some(true)),
        );
        assert_eq!(
            late.evidence,
            Evidence::Partial("sick_role_responsibility".into())
        );
        assert_eq!(
            rule(
                &full("ending_raised_ahead"),
                moment(Phase::Termination, 10, Some(true))
            )
            .points(),
            2
        );
        assert_eq!(
            rule(
                &full("ending_raised_ahead"),
                moment(Phase::Termination, 11, Some(true))
            )
            .points(),
            1
        );
        let wrong = rule(
            &full("area_strategies"),
            moment(Phase::Middle, 6, Some(false)),
        );
        assert!(!wrong.counts && wrong.points() == 0);
        assert_eq!(
            rule(&full("area_strategies"), moment(Phase::Middle, 6, None)).points(),
            2
        );
        assert_eq!(symptom_change(-2, Some(false)), 0);
        assert_eq!(symptom_change(2, Some(false)), 2);
        assert_eq!(symptom_change(-2, Some(true)), -2);
    }

    #[test]
    fn formulation_and_reformulation() {
        let f = |before, chosen, sound| {
            formulation_evidence(Grief, before, chosen, sound).map(|e| points(&e))
        };
        assert_eq!(f(None, Grief, true), Some(2));
        assert_eq!(f(None, Grief, false), Some(1));
        assert_eq!(f(None, RoleTransition, true), Some(-2));
        // Reformulating from a wrong area to the right one recovers part.
        assert_eq!(f(Some(RoleTransition), Grief, true), Some(1));
        assert_eq!(f(Some(RoleTransition), RoleTransition, true), None);
        assert_eq!(f(Some(RoleTransition), RoleDispute, true), Some(-2));
        assert_eq!(f(Some(Grief), Grief, true), None);
        assert_eq!(f(Some(Grief), RoleDispute, true), Some(-2));
    }
}
