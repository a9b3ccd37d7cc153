//! Scoring v2, rule by rule, on a small course with one moment for each rule
//! (`tests/fixtures/scoring-v2.ron`): the wrong area fails its headline and voids the wrong
//! area's strategies, a reformulation recovers part, a late mistake is never absorbed, two
//! proscribed techniques fail adherence, the risk rule marks a skipped cue and a disclosure with
//! no plan, and `analyze`'s bounds hold on every path the engine can take.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use std::path::Path;

use ipt_trainer::analysis::analyze::analyze;
use ipt_trainer::analysis::check::check_file;
use ipt_trainer::cli::play::script;
use ipt_trainer::scenario::model::{Evidence, Scenario};
use ipt_trainer::scoring::pass::{self, Gate};
use ipt_trainer::scoring::rubric::Headline;
use ipt_trainer::scoring::{Rating, Scorecard, rules};
use ipt_trainer::session::engine::{Answer, Engine, Prompt};

fn fixture() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scoring-v2.ron");
    check_file(&path).scenario.expect("the fixture loads")
}

const EXPERT: [&str; 9] = [
    "ask-direct",
    "plan-make",
    "sick-both",
    "formulation: Grief st-loss",
    "s4-since",
    "formulation: Grief st4-loss",
    "s4-grief",
    "raise-ahead",
    "bye-feelings",
];

/// The expert path with some answers replaced: `(index, answer)`.
fn path_with(changes: &[(usize, &str)]) -> Vec<&'static str> {
    let mut answers: Vec<&str> = EXPERT.to_vec();
    for &(at, answer) in changes {
        answers[at] = Box::leak(answer.to_owned().into_boxed_str());
    }
    answers
}

fn play(answers: &[&str]) -> Engine {
    let engine = script(&fixture(), 1, answers).expect("the answers fit");
    assert!(engine.is_finished(), "the answers end the course");
    engine
}

fn gate(card: &Scorecard, gate: Gate) -> &pass::GateResult {
    card.gates
        .iter()
        .find(|g| g.gate == gate)
        .expect("every gate is reported")
}

fn points(card: &Scorecard, item: &str) -> i64 {
    card.item(item).map_or(0, |i| i.points)
}

#[test]
fn the_expert_path_meets_every_gate() {
    let card = play(&EXPERT).scorecard();
    assert!(card.passed, "{card:#?}");
    assert_eq!(card.percent, 100);
    assert!(card.gates.iter().all(|g| g.passed));
    assert_eq!(card.version, ipt_trainer::scoring::VERSION);
}

#[test]
fn a_wrong_area_fails_its_headline_voids_its_strategies_and_stops_recovery() {
    let expert = play(&EXPERT);
    // The tempting alternative, kept at the reformulation point too.
    let decoy = play(&path_with(&[
        (3, "formulation: RoleTransition st-move"),
        (5, "formulation: RoleTransition"),
    ]));
    let card = decoy.scorecard();
    assert!(!gate(&card, Gate::Headline(Headline::ProblemArea)).passed);
    assert!(!card.passed);
    assert_eq!(points(&card, "problem_area"), -2);
    // The grief work was chosen, but the course works on the area formulated: it earns nothing.
    let strategies = card.item("area_strategies").expect("assessed");
    assert_eq!(strategies.points, 0);
    assert!(
        strategies
            .evidence
            .iter()
            .all(|e| !e.counts && e.rule.is_some())
    );
    // Symptoms do not improve on a wrong area.
    assert!(decoy.state.symptoms > expert.state.symptoms);
    assert_eq!(decoy.state.symptoms, 18);
}

#[test]
fn reformulating_to_the_right_area_recovers_part_never_all() {
    let stayed = play(&path_with(&[
        (3, "formulation: RoleTransition st-move"),
        (5, "formulation: RoleTransition"),
    ]))
    .scorecard();
    let reformulated = play(&path_with(&[(3, "formulation: RoleTransition st-move")]));
    let card = reformulated.scorecard();
    let expert = play(&EXPERT).scorecard();
    let area = |c: &Scorecard| points(c, "problem_area");
    assert!(area(&stayed) < area(&card) && area(&card) < area(&expert));
    assert_eq!(area(&card), -1, "partial credit, after the mark against");
    assert!(!gate(&card, Gate::Headline(Headline::ProblemArea)).passed);
    // Back on the right area, the strategies count again and the symptoms improve.
    assert_eq!(points(&card, "area_strategies"), 2);
    assert_eq!(reformulated.state.symptoms, 14);
    // Leaving the right area at the reformulation point is marked against it.
    let abandoned = play(&path_with(&[(5, "formulation: RoleDispute")])).scorecard();
    assert_eq!(area(&abandoned), 0);
    assert!(!gate(&abandoned, Gate::Headline(Headline::ProblemArea)).passed);
}

#[test]
fn a_late_mistake_is_never_absorbed_by_an_earlier_success() {
    let expert = play(&EXPERT).scorecard();
    let abrupt = play(&path_with(&[(8, "bye-abrupt")])).scorecard();
    let feelings = abrupt.item("ending_feelings").expect("assessed");
    // Full in session 10, Against in session 12: the goodbye shows, as 0 and marked down.
    assert_eq!(feelings.points, 0);
    assert_eq!(feelings.rating, Rating::MarkedDown);
    let termination = |c: &Scorecard| c.headline(Headline::Termination).expect("scored").points;
    assert_eq!(termination(&expert) - termination(&abrupt), 2);
}

#[test]
fn the_sick_role_given_after_the_initial_phase_earns_partial_credit() {
    let card = play(&path_with(&[(2, "sick-half"), (6, "s4-late-sick")])).scorecard();
    let responsibility = card.item("sick_role_responsibility").expect("assessed");
    assert_eq!(responsibility.points, 1);
    assert!(responsibility.evidence[0].rule.is_some());
    assert_eq!(
        responsibility.evidence[0].evidence,
        Evidence::Partial("sick_role_responsibility".into())
    );
    // Half in time and the other half late: three of four points.
    assert_eq!(
        card.headline(Headline::SickRole).expect("scored").percent,
        75
    );
}

#[test]
fn two_proscribed_techniques_fail_adherence_whatever_the_totals() {
    let one = play(&path_with(&[(4, "s4-homework")])).scorecard();
    assert!(gate(&one, Gate::Adherence).passed);
    let two = play(&path_with(&[(2, "sick-transference"), (4, "s4-homework")])).scorecard();
    let adherence = gate(&two, Gate::Adherence);
    assert!(!adherence.passed && !two.passed);
    assert!(adherence.detail.contains("Transference interpretation"));
    assert!(adherence.detail.contains("CBT homework"));
}

#[test]
fn the_engine_marks_a_reply_that_skips_a_risk_cue() {
    let mut engine = Engine::new(std::sync::Arc::new(fixture()), 1).expect("starts");
    let feedback = engine
        .answer(&Answer::Choice {
            id: "ask-skip".into(),
            written: None,
        })
        .expect("offered");
    // The author wrote no penalty: the risk rule adds it, the same in every scenario.
    let mark = feedback
        .earned
        .iter()
        .find(|e| e.evidence == Evidence::Against("risk_asked".into()))
        .expect("the risk rule marks the reply");
    assert_eq!(mark.rule.as_deref(), Some(rules::RISK_RULE));
    while let Some(answer) = engine.expert_answer() {
        engine.answer(&answer).expect("offered");
    }
    let card = engine.scorecard();
    let safety = gate(&card, Gate::Safety);
    assert!(!safety.passed && !card.passed);
    // The debrief says which line and where, not a number.
    assert!(safety.detail.contains("session 1"), "{}", safety.detail);
    assert!(safety.detail.contains("I don't see the point"));
    assert!(safety.detail.contains("did not ask"));
}

#[test]
fn a_disclosure_without_a_safety_plan_in_its_session_fails_the_course() {
    for reply in ["plan-assess", "plan-reassure"] {
        let engine = play(&path_with(&[(1, reply)]));
        let card = engine.scorecard();
        assert!(!card.passed, "{reply}");
        assert_eq!(points(&card, "risk_plan"), -2, "{reply}");
        let safety = gate(&card, Gate::Safety);
        assert!(
            safety.detail.contains("no safety plan"),
            "{}",
            safety.detail
        );
        // The overall percentage stays honest: no cap that reads "40% (full points)".
        assert!(card.percent > 40, "{reply}: {}", card.percent);
    }
    // Asking without a plan is an answer to the disclosure in the moment, not a plan.
    let asked = play(&path_with(&[(1, "plan-assess")])).scorecard();
    assert!(asked.risks.iter().all(|r| r.asked == Some(true)));
}

#[test]
fn negative_headlines_read_plainly() {
    let card = play(&path_with(&[
        (2, "sick-transference"),
        (3, "formulation: RoleDispute"),
        (8, "bye-abrupt"),
    ]))
    .scorecard();
    let area = card.headline(Headline::ProblemArea).expect("scored");
    assert_eq!(area.detail(), "no credit; 1 mark against");
    assert_eq!(area.percent, 0);
}

/// Every path through the fixture, as answers: every choice at every turn and every area (with
/// its supporting statements) at every formulation.
fn every_path() -> Vec<Vec<Answer>> {
    let scenario = std::sync::Arc::new(fixture());
    let mut done = Vec::new();
    let mut stack: Vec<Vec<Answer>> = vec![Vec::new()];
    while let Some(prefix) = stack.pop() {
        let mut engine = Engine::new(std::sync::Arc::clone(&scenario), 1).expect("starts");
        for answer in &prefix {
            engine.answer(answer).expect("offered");
        }
        let next: Vec<Answer> = match engine.prompt() {
            Prompt::Ended { .. } => {
                done.push(prefix);
                continue;
            }
            Prompt::Choose { options, .. } => options
                .iter()
                .map(|o| Answer::Choice {
                    id: o.id.clone(),
                    written: None,
                })
                .collect(),
            Prompt::Formulate { .. } => ipt_trainer::scenario::model::ProblemArea::ALL
                .iter()
                .map(|&area| Answer::Formulation {
                    area,
                    ticked: match engine.current_node() {
                        Some(ipt_trainer::scenario::model::Node::Formulation(f)) => {
                            f.supporting(area)
                        }
                        _ => Vec::new(),
                    },
                })
                .collect(),
        };
        for answer in next {
            let mut longer = prefix.clone();
            longer.push(answer);
            stack.push(longer);
        }
    }
    done
}

#[test]
fn analyze_bounds_every_path_the_engine_takes_and_exact_bounds_are_reached() {
    let scenario = fixture();
    let analysis = analyze(&scenario);
    let mut cards = Vec::new();
    for answers in every_path() {
        let mut engine = Engine::new(std::sync::Arc::new(scenario.clone()), 1).expect("starts");
        for answer in &answers {
            engine.answer(answer).expect("offered");
        }
        cards.push(engine.scorecard());
    }
    assert!(cards.len() > 1000, "{} paths", cards.len());
    for bounds in &analysis.items {
        let seen: Vec<i64> = cards.iter().map(|c| points(c, bounds.item)).collect();
        let (low, high) = (
            *seen.iter().min().expect("paths"),
            *seen.iter().max().expect("paths"),
        );
        assert!(
            bounds.bounds.min <= low && high <= bounds.bounds.max,
            "{}: {:?} vs {low}..{high}",
            bounds.item,
            bounds.bounds
        );
        if bounds.bounds.exact {
            assert_eq!(
                (bounds.bounds.min, bounds.bounds.max),
                (low, high),
                "{}",
                bounds.item
            );
        }
    }
    let totals: Vec<i64> = cards.iter().map(|c| c.total).collect();
    let (low, high) = (
        *totals.iter().min().expect("paths"),
        *totals.iter().max().expect("paths"),
    );
    assert!(analysis.total.min <= low && high <= analysis.total.max);
    if let Some((reached_low, reached_high)) = analysis.total.reached {
        assert!(low <= reached_low && reached_high <= high);
    }
    // The risk rule's marks are in the bounds: a path can lose both risk items.
    let risk = |id: &str| {
        analysis
            .items
            .iter()
            .find(|b| b.item == id)
            .expect("bounded")
            .bounds
    };
    assert_eq!(risk("risk_asked").min, -2);
    assert_eq!(risk("risk_plan").min, -2);
}

#[test]
fn the_authoring_guide_states_the_pass_rule_as_the_code_applies_it() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/README.md"))
            .expect("guide");
    let flat = guide.split_whitespace().collect::<Vec<_>>().join(" ");
    for (gate, rule) in pass::rule_in_words() {
        assert!(
            flat.contains(&format!("**{gate}**: {rule}")),
            "the guide does not state the {gate} gate as `{rule}`"
        );
    }
}
