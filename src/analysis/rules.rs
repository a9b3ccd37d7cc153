//! What the rubric demands of a scenario, checked by `check` beside the format's own
//! validation: evidence names real rubric items, and every headline skill can be scored.

use crate::scenario::diagnostic::{Code, Finding, did_you_mean};
use crate::scenario::graph::Graph;
use crate::scenario::model::{Evidence, Node, Phase, Scenario};
use crate::scenario::source_map::DataPath;
use crate::scoring::rubric::{self, Headline};

/// Every rubric finding about a structurally valid scenario.
pub fn findings(scenario: &Scenario) -> Vec<Finding> {
    let graph = Graph::new(scenario);
    let mut findings = Vec::new();
    check_items(&graph, &mut findings);
    check_headlines(scenario, &graph, &mut findings);
    findings
}

fn check_items(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    for place in &graph.places {
        let Node::Trainee(turn) = place.node else {
            continue;
        };
        for (i, choice) in turn.choices.iter().enumerate() {
            for (j, evidence) in choice.evidence.iter().enumerate() {
                if rubric::find(evidence.item()).is_none() {
                    let path = place
                        .path()
                        .field("choices")
                        .index(i)
                        .field("evidence")
                        .index(j);
                    findings.push(
                        Finding::new(
                            Code::UnknownItem,
                            path,
                            format!("no rubric item is called `{}`", evidence.item()),
                        )
                        .label("unknown rubric item")
                        .maybe_hint(
                            did_you_mean(evidence.item(), rubric::ids()).or_else(|| {
                                Some("the rubric items are listed in scenarios/README.md".into())
                            }),
                        ),
                    );
                }
            }
        }
    }
}

/// Whether any choice in a session of `phase` gives full evidence for `item`.
fn offers(graph: &Graph<'_>, scenario: &Scenario, phase: Option<Phase>, item: &str) -> bool {
    graph.places.iter().any(|place| {
        let in_phase = phase.is_none_or(|p| {
            scenario
                .course
                .sessions
                .get(place.session)
                .is_some_and(|s| s.phase == p)
        });
        in_phase
            && matches!(place.node, Node::Trainee(turn) if turn.choices.iter().any(|c| {
                c.evidence.iter().any(|e| matches!(e, Evidence::Full(i) if i == item))
            }))
    })
}

fn check_headlines(scenario: &Scenario, graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    let course = DataPath::root().field("course").field("sessions");
    if !graph
        .places
        .iter()
        .any(|p| matches!(p.node, Node::Formulation(_)))
    {
        findings.push(
            Finding::new(
                Code::NoFormulation,
                course.clone(),
                "no `Formulation` node: the problem area cannot be scored",
            )
            .label("no formulation step in these sessions")
            .hint("add a `Formulation` node in an initial-phase session"),
        );
    }
    let halves = ["sick_role_legitimise", "sick_role_responsibility"];
    let missing: Vec<&str> = halves
        .into_iter()
        .filter(|item| !offers(graph, scenario, Some(Phase::Initial), item))
        .collect();
    if !missing.is_empty() {
        findings.push(
            Finding::new(Code::NoSickRole, course.clone(), format!("no initial-phase choice gives `Full(\"{}\")`", missing.join("\")` or `Full(\"")))
                .label("the sick role cannot be scored in full")
                .hint("offer a choice in an initial session with full evidence for both halves of the sick role"),
        );
    }
    let has_termination = scenario
        .course
        .sessions
        .iter()
        .any(|s| s.phase == Phase::Termination);
    let scorable = rubric::ITEMS
        .iter()
        .filter(|item| item.headline == Some(Headline::Termination))
        .any(|item| offers(graph, scenario, Some(Phase::Termination), item.id));
    if !has_termination || !scorable {
        let message = if has_termination {
            "no termination-phase choice gives full evidence for a termination item"
        } else {
            "the course has no termination phase"
        };
        findings.push(
            Finding::new(Code::NoTermination, course, message)
                .label("termination cannot be scored")
                .hint("end the course with a `Termination` session that raises the ending and the feelings about it"),
        );
    }
}
