//! What the rubric demands of a scenario, checked by `check` beside the format's own
//! validation: evidence names real rubric items and respects their kind and phase, every
//! headline skill can be scored, every risk line can be answered in time, and (once the file
//! has no errors) the score cannot be had without the skill, as far as `audit`'s surface
//! strategies can tell.

use std::sync::Arc;

use super::audit::{self, Strategy};
use crate::scenario::diagnostic::{Code, Finding, did_you_mean};
use crate::scenario::graph::{Graph, Place};
use crate::scenario::model::{EndingKind, Evidence, Node, Phase, ProblemArea, Risk, Scenario};
use crate::scenario::source_map::DataPath;
use crate::scoring::rubric::{self, Group, Headline};
use crate::scoring::{points, rules};

/// Every rubric finding about a structurally valid scenario.
pub fn findings(scenario: &Scenario) -> Vec<Finding> {
    let graph = Graph::new(scenario);
    let mut findings = Vec::new();
    check_evidence(scenario, &graph, &mut findings);
    check_headlines(scenario, &graph, &mut findings);
    check_risks(&graph, &mut findings);
    check_prompts(&graph, &mut findings);
    findings
}

/// The audit's worst news as findings: always the longest option, or always the shortest,
/// passes the scenario with the expert's formulation. (First and last listed are left to
/// `audit`: the engine shuffles the options, so they are one random walk each.) Run on a
/// scenario with no errors, since it plays the course.
pub fn surface_findings(scenario: &Arc<Scenario>) -> Vec<Finding> {
    let answer = scenario.answer.problem_area;
    let passing: Vec<String> = [Strategy::Longest, Strategy::Shortest]
        .iter()
        .filter_map(|&strategy| {
            let run = audit::play_strategy(scenario, strategy, AUDIT_SEED);
            (run.passed).then(|| format!("the {} option ({}%)", strategy.label(), run.percent))
        })
        .collect();
    if passing.is_empty() {
        return Vec::new();
    }
    vec![
        Finding::new(
            Code::SurfacePasses,
            DataPath::root().field("id"),
            format!(
                "always choosing {} passes this scenario with no IPT skill (given the right \
                 problem area)",
                passing.join(" or ")
            ),
        )
        .label("the score can be had without the skill")
        .hint(format!(
            "make wrong options as long, warm and IPT-fluent as the right one, so that only the \
             skill tells them apart; `ipt-trainer audit` shows where (formulating {})",
            answer.label()
        )),
    ]
}

/// The seed `check` audits with: fixed, so that the same file always gets the same findings.
pub const AUDIT_SEED: u64 = 1;

/// Every choice of every trainee turn, with where it sits.
fn choices<'g, 's>(
    graph: &'g Graph<'s>,
) -> impl Iterator<Item = (&'g Place<'s>, usize, &'s crate::scenario::model::Choice)> {
    graph.places.iter().flat_map(|place| {
        let list: &'s [crate::scenario::model::Choice] = match place.node {
            Node::Trainee(turn) => &turn.choices,
            _ => &[],
        };
        list.iter().enumerate().map(move |(i, c)| (place, i, c))
    })
}

fn check_evidence(scenario: &Scenario, graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    for (place, i, choice) in choices(graph) {
        let session = scenario.course.sessions.get(place.session);
        for (j, evidence) in choice.evidence.iter().enumerate() {
            let path = || {
                place
                    .path()
                    .field("choices")
                    .index(i)
                    .field("evidence")
                    .index(j)
            };
            let Some(item) = rubric::find(evidence.item()) else {
                let renamed = rubric::RENAMED
                    .iter()
                    .find(|(old, _)| *old == evidence.item())
                    .map(|(_, advice)| (*advice).to_owned());
                findings.push(
                    Finding::new(
                        Code::UnknownItem,
                        path(),
                        format!("no rubric item is called `{}`", evidence.item()),
                    )
                    .label("unknown rubric item")
                    .maybe_hint(
                        renamed
                            .or_else(|| did_you_mean(evidence.item(), rubric::ids()))
                            .or_else(|| {
                                Some("the rubric items are listed in scenarios/README.md".into())
                            }),
                    ),
                );
                continue;
            };
            if points(evidence) <= 0 {
                continue;
            }
            if item.group == Group::Proscribed {
                findings.push(
                    Finding::new(
                        Code::ProscribedCredit,
                        path(),
                        format!(
                            "`{}` is a proscribed technique: it can only be `Against`",
                            item.id
                        ),
                    )
                    .label("credit for a technique IPT rules out")
                    .hint(format!("write `Against(\"{}\")`", item.id)),
                );
                continue;
            }
            let Some(session) = session else { continue };
            let out_of_phase = item.group.phase().filter(|p| *p != session.phase);
            let to_go = scenario.course.time_limit.saturating_sub(session.number);
            if let Some(phase) = out_of_phase {
                findings.push(
                    Finding::new(
                        Code::OutOfPhase,
                        path(),
                        format!(
                            "`{}` belongs to the {} phase, and is evidenced in session {} ({} phase)",
                            item.id,
                            phase.label(),
                            session.number,
                            session.phase.label()
                        ),
                    )
                    .label("outside its phase")
                    .hint(phase_rule(item.id, phase)),
                );
            } else if item.id == "ending_raised_ahead"
                && matches!(evidence, Evidence::Full(_))
                && to_go < rules::ENDING_AHEAD_SESSIONS
            {
                findings.push(
                    Finding::new(
                        Code::OutOfPhase,
                        path(),
                        format!(
                            "the ending is raised in session {} of {}, with {to_go} to go",
                            session.number, scenario.course.time_limit
                        ),
                    )
                    .label("not raised ahead")
                    .hint(format!(
                        "{} Write `Partial` here, or raise it in an earlier session.",
                        rules::ENDING_LATE
                    )),
                );
            }
        }
    }
}

/// The rule behind an item's phase, as `check` explains it.
fn phase_rule(item: &str, phase: Phase) -> String {
    match item {
        "sick_role_legitimise" | "sick_role_responsibility" => format!(
            "{} Write `Partial` here, or give it in an initial session.",
            rules::SICK_ROLE_LATE
        ),
        _ => format!(
            "IPT does this in the {} phase; evidence it in a session of that phase, or choose \
             the item that fits this moment",
            phase.label()
        ),
    }
}

/// Whether any choice in a session of `phase` gives full evidence for `item`.
fn offers(graph: &Graph<'_>, scenario: &Scenario, phase: Option<Phase>, item: &str) -> bool {
    choices(graph).any(|(place, _, choice)| {
        let in_phase = phase.is_none_or(|p| {
            scenario
                .course
                .sessions
                .get(place.session)
                .is_some_and(|s| s.phase == p)
        });
        in_phase
            && choice
                .evidence
                .iter()
                .any(|e| matches!(e, Evidence::Full(i) if i == item))
    })
}

fn check_headlines(scenario: &Scenario, graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    let course = DataPath::root().field("course").field("sessions");
    // A referral course is an assessment that ends in a referral: no formulation, sick role or
    // termination to score, but a referral to make and an ending that says so.
    if scenario.answer.is_referral() {
        let ends_in_referral = graph
            .places
            .iter()
            .any(|p| matches!(p.node, Node::Ending(e) if e.kind == EndingKind::Referral));
        if !offers(graph, scenario, None, rubric::REFERRAL) || !ends_in_referral {
            findings.push(
                Finding::new(
                    Code::NoReferral,
                    DataPath::root().field("answer").field("refer"),
                    "the answer says IPT is not right for now, but the course cannot score a referral",
                )
                .label("no way to refer")
                .hint("offer a choice with `Full(\"referral\")` that explains why other care comes first, and end its path with `Ending(kind: Referral, ...)`"),
            );
        }
        return;
    }
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
    // In a dispute the strategy follows from the stage, so naming it is part of the skill.
    if scenario.answer.problem_area == ProblemArea::RoleDispute
        && !offers(graph, scenario, None, rubric::DISPUTE_STAGE)
    {
        findings.push(
            Finding::new(
                Code::NoDisputeStage,
                DataPath::root().field("answer").field("problem_area"),
                format!("the course is a role dispute, but no choice gives `Full(\"{}\")`", rubric::DISPUTE_STAGE),
            )
            .label("the stage of the dispute is never asked for")
            .hint("in an early middle-phase session, offer choices that name each stage (renegotiation, impasse, dissolution): `Full(\"dispute_stage\")` for the right one, `Against` for the others"),
        );
    }
}

fn check_risks(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    for (v, place) in graph.places.iter().enumerate() {
        let Node::Client(turn) = place.node else {
            continue;
        };
        for (k, line) in turn.lines.iter().enumerate() {
            let Some(risk) = line.risk else { continue };
            let path = || place.path().field("lines").index(k).field("risk");
            let hint = "give the reply a choice with `Full(\"risk_asked\")` (a direct question \
                        about suicidal thoughts) or `Full(\"risk_plan\")`: the risk rule marks \
                        down every reply that does not respond, the same in every scenario";
            match first_replies(graph, v) {
                Err(at) => findings.push(
                    Finding::new(
                        Code::RiskNoReply,
                        path(),
                        format!(
                            "after the {} `{}`, the {} before the trainee can reply",
                            risk.label(),
                            line.id,
                            at
                        ),
                    )
                    .label("no reply can answer it")
                    .hint(hint),
                ),
                Ok(replies) => {
                    for reply in replies {
                        let Node::Trainee(turn) = graph.places[reply].node else {
                            continue;
                        };
                        let responds = turn
                            .choices
                            .iter()
                            .any(|c| rules::responds_to_risk(&c.evidence));
                        if !responds {
                            findings.push(
                                Finding::new(
                                    Code::RiskNoReply,
                                    path(),
                                    format!(
                                        "after the {} `{}`, the reply at `{}` offers no choice \
                                         that asks about it or makes a safety plan",
                                        risk.label(),
                                        line.id,
                                        turn.id
                                    ),
                                )
                                .label("every reply here fails the safety gate")
                                .hint(hint),
                            );
                        }
                    }
                }
            }
            if risk == Risk::Disclosure && !plan_reachable(graph, v) {
                findings.push(
                    Finding::new(
                        Code::RiskNoPlan,
                        path(),
                        format!(
                            "no choice after the disclosure `{}` makes a safety plan before its \
                             session ends",
                            line.id
                        ),
                    )
                    .label("every path fails the safety gate")
                    .hint(
                        "offer a choice with `Full(\"risk_plan\")` later in this session: warning \
                         signs, who to call, means made safer, reasons for living",
                    ),
                );
            }
        }
    }
}

/// The trainee turns that can be the next reply after node `from` (passing client lines,
/// branches and formulations), or what ends the session first.
fn first_replies(graph: &Graph<'_>, from: usize) -> Result<Vec<usize>, &'static str> {
    let session = graph.places[from].session;
    let mut seen = vec![false; graph.len()];
    let mut stack: Vec<usize> = graph.successors(from).collect();
    let mut replies = Vec::new();
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut seen[v], true) {
            continue;
        }
        if graph.is_ending(v) {
            return Err("course can end");
        }
        if graph.places[v].session != session {
            return Err("session can end");
        }
        match graph.places[v].node {
            Node::Trainee(_) => replies.push(v),
            _ => stack.extend(graph.successors(v)),
        }
    }
    Ok(replies)
}

/// Whether some path from node `from`, inside its session, passes a choice that makes a
/// safety plan.
fn plan_reachable(graph: &Graph<'_>, from: usize) -> bool {
    let session = graph.places[from].session;
    let mut seen = vec![false; graph.len()];
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut seen[v], true) || graph.places[v].session != session {
            continue;
        }
        if let Node::Trainee(turn) = graph.places[v].node
            && turn.choices.iter().any(|c| rules::makes_plan(&c.evidence))
        {
            return true;
        }
        stack.extend(graph.successors(v));
    }
    false
}

fn check_prompts(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    for place in &graph.places {
        let Node::Trainee(turn) = place.node else {
            continue;
        };
        let words = audit::task_words(&turn.prompt);
        if words.is_empty() {
            continue;
        }
        findings.push(
            Finding::new(
                Code::PromptNamesTask,
                place.path().field("prompt"),
                format!(
                    "the prompt of `{}` names the task: \"{}\"",
                    turn.id,
                    words.join("\", \"")
                ),
            )
            .label("tells the trainee what to do")
            .hint(
                "say what is happening, not what to do, so that the trainee has to recognise \
                 the moment (\"She glances at the calendar.\" rather than \"Raise the ending.\")",
            ),
        );
    }
}
