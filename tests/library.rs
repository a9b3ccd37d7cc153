//! The library a supervisor would sign (issue 10): every course written to the audit's standard
//! is held to it here, so that the score cannot be had without the skill. The list grows as the
//! built-in courses are rewritten; a course joins it only when every threshold holds.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use ipt_trainer::analysis::audit::{Strategy, audit};
use ipt_trainer::library::built_in;
use ipt_trainer::scenario::model::{Evidence, Node, Phase, Scenario};

/// The courses rewritten to the audit's standard.
const AT_THE_STANDARD: &[&str] = &[
    "deficits-daniel",
    "deficits-finn",
    "dispute-beatrice",
    "dispute-priya",
    "grief-leila",
    "grief-ruth",
    "transition-oksana",
    "transition-sana",
];

fn course(id: &str) -> Scenario {
    built_in()
        .into_iter()
        .filter_map(|c| c.scenario)
        .find(|s| s.id == id)
        .expect("a built-in course")
}

fn full(evidence: &[Evidence], item: &str) -> bool {
    evidence
        .iter()
        .any(|e| matches!(e, Evidence::Full(i) if i == item))
}

#[test]
fn courses_at_the_standard_cannot_be_passed_without_the_skill() {
    assert!(!AT_THE_STANDARD.is_empty());
    for id in AT_THE_STANDARD {
        let scenario = course(id);
        let answer = scenario.answer.problem_area;
        let found = audit(&scenario, 100, 1);
        for strategy in Strategy::SURFACE {
            let run = found.run(strategy, answer).expect("run");
            assert!(!run.passed, "{id}: {} passes", strategy.label());
        }
        // Random choices pass at most one time in ten.
        assert!(
            found.random.passes * 10 <= found.random.walks,
            "{id}: random passes {} of {}",
            found.random.passes,
            found.random.walks
        );
        let surface = &found.surface;
        assert!(
            surface.expert_longest_share() <= 0.35,
            "{id}: the expert option is the longest in {} of {} decisions",
            surface.expert_longest,
            surface.decisions
        );
        assert!(
            surface.expert_shortest_share() <= 0.35,
            "{id}: the expert option is the shortest in {} of {} decisions",
            surface.expert_shortest,
            surface.decisions
        );
        let ratio = surface.length_ratio();
        assert!((0.8..=1.25).contains(&ratio), "{id}: length ratio {ratio}");
        assert!(
            surface.three_or_four_share() >= 0.7,
            "{id}: {:?} options per decision",
            surface.options
        );
        assert!(
            surface.task_prompts.is_empty(),
            "{id}: {:?}",
            surface.task_prompts
        );
        assert!(
            surface.expert_phrases.is_empty(),
            "{id}: phrases only experts say: {:?}",
            surface.expert_phrases
        );
        let expert = found.run(Strategy::Expert, answer).expect("expert run");
        assert!(expert.passed, "{id}: the expert fails");
        assert!(
            expert.decisions >= 30,
            "{id}: {} decisions",
            expert.decisions
        );
        assert!(expert.sessions >= 6, "{id}: {} sessions", expert.sessions);
    }
}

#[test]
fn courses_at_the_standard_teach_what_the_primer_asks() {
    for id in AT_THE_STANDARD {
        let scenario = course(id);
        let choices = || scenario.trainee_turns().flat_map(|t| &t.choices);
        // The sick role is given on its own, not bundled with the diagnosis.
        for choice in choices() {
            let sick_role = full(&choice.evidence, "sick_role_legitimise")
                || full(&choice.evidence, "sick_role_responsibility");
            assert!(
                !(sick_role && full(&choice.evidence, "diagnosis")),
                "{id}: `{}` bundles the sick role with the diagnosis",
                choice.id
            );
        }
        // A hard ending to handle in the termination phase.
        let hard = scenario
            .course
            .sessions
            .iter()
            .filter(|s| s.phase == Phase::Termination)
            .flat_map(|s| &s.nodes)
            .any(|n| matches!(n, Node::Trainee(t) if t.choices.iter().any(|c| full(&c.evidence, "hard_branch"))));
        assert!(hard, "{id}: no hard ending");
        // Risk lines marked, and at least one answered with a plan.
        assert!(
            scenario
                .client_turns()
                .flat_map(|t| &t.lines)
                .any(|l| l.risk.is_some()),
            "{id}: no risk line"
        );
        // Distractors carry the IPT vocabulary too: every decision offers at least three.
        for turn in scenario.trainee_turns() {
            assert!(
                turn.choices.len() >= 3,
                "{id}: `{}` offers fewer than three",
                turn.id
            );
        }
    }
}
