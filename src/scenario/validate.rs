//! Validation of a scenario's structure: everything about a parsed scenario that RON and serde
//! cannot see (ids, jumps, loops, flags, conditions, ranges, assets), reported as findings with
//! the serde path of the offending item. What the rubric demands of a scenario is checked one
//! layer up, in `analysis::rules`, so that the format knows nothing of scoring.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Code, Finding, did_you_mean};
use super::graph::{Graph, Place};
use super::ids::{self, escaped};
use super::model::{
    Condition, Facts, Levels, Node, Phase, ProblemArea, RAPPORT_MAX, SYMPTOMS_MAX, Scenario,
};
use super::source_map::DataPath;

/// Where a scenario's referenced files (its portrait) are looked up.
#[derive(Debug, Clone)]
pub enum AssetRoot {
    /// A scenario file on disk: assets are relative to its folder and must stay inside it.
    Folder(std::path::PathBuf),
    /// A scenario embedded in the binary, with the asset paths embedded beside it.
    Embedded(&'static [&'static str]),
}

/// Runs every check on a parsed scenario.
pub fn validate(scenario: &Scenario, assets: &AssetRoot) -> Vec<Finding> {
    let graph = Graph::new(scenario);
    let mut findings = Vec::new();
    if let Some(problem) = ids::scenario_id_problem(&scenario.id) {
        findings.push(
            Finding::new(
                Code::InvalidId,
                DataPath::root().field("id"),
                format!(
                    "the scenario id `{}` is refused: {problem}",
                    escaped(&scenario.id)
                ),
            )
            .label("not a usable scenario id")
            .hint(
                "a scenario id names its attempt records: lower-case letters, digits and \
                 dashes, up to 64, such as `grief-ruth`",
            ),
        );
    }
    check_ranges(scenario, &mut findings);
    check_course(scenario, &mut findings);
    check_ids(&graph, &mut findings);
    check_jumps(scenario, &graph, &mut findings);
    check_shape(&graph, &mut findings);
    check_flags(&graph, &mut findings);
    check_choices(&graph, &mut findings);
    check_assets(scenario, assets, &mut findings);
    findings
}

fn check_ranges(scenario: &Scenario, findings: &mut Vec<Finding>) {
    let root = DataPath::root();
    // Paths are built only for a value out of range: most files have none, and a large one has
    // thousands of values.
    let mut range = |path: &dyn Fn() -> DataPath, value: i64, low: i64, high: i64, what: &str| {
        if !(low..=high).contains(&value) {
            findings.push(
                Finding::new(
                    Code::OutOfRange,
                    path(),
                    format!("{what} must be between {low} and {high}, not {value}"),
                )
                .label("out of range"),
            );
        }
    };
    range(
        &|| root.field("client").field("age"),
        scenario.client.age.into(),
        1,
        120,
        "the client's age",
    );
    range(
        &|| root.field("initial").field("rapport"),
        scenario.initial.rapport.into(),
        0,
        RAPPORT_MAX.into(),
        "rapport",
    );
    range(
        &|| root.field("initial").field("symptoms"),
        scenario.initial.symptoms.into(),
        0,
        SYMPTOMS_MAX.into(),
        "the symptom score",
    );
    // Changes are bounded by the scales they change, so that no arithmetic on them can
    // overflow, whatever the engine adds them to.
    let (rapport, symptoms) = (i64::from(RAPPORT_MAX), i64::from(SYMPTOMS_MAX));
    for (i, session) in scenario.course.sessions.iter().enumerate() {
        for (j, node) in session.nodes.iter().enumerate() {
            let node_path = || {
                root.field("course")
                    .field("sessions")
                    .index(i)
                    .field("nodes")
                    .index(j)
            };
            match node {
                Node::Client(turn) => {
                    for (k, line) in turn.lines.iter().enumerate() {
                        if let Some(person) = &line.person {
                            let path = || {
                                node_path()
                                    .field("lines")
                                    .index(k)
                                    .field("person")
                                    .field("closeness")
                            };
                            range(&path, person.closeness.into(), 1, 3, "closeness");
                        }
                    }
                }
                Node::Trainee(turn) => {
                    for (k, choice) in turn.choices.iter().enumerate() {
                        let path = |field| node_path().field("choices").index(k).field(field);
                        range(
                            &|| path("rapport"),
                            choice.rapport.into(),
                            -rapport,
                            rapport,
                            "a change in rapport",
                        );
                        range(
                            &|| path("symptoms"),
                            choice.symptoms.into(),
                            -symptoms,
                            symptoms,
                            "a change in the symptom score",
                        );
                    }
                }
                _ => {}
            }
            for (condition, at) in conditions_of(node) {
                condition.for_each_leaf(&mut |leaf| {
                    let (value, high, what) = match leaf {
                        Condition::RapportAtLeast(n) | Condition::RapportBelow(n) => {
                            (*n, rapport + 1, "a rapport threshold")
                        }
                        Condition::SymptomsAtLeast(n) | Condition::SymptomsBelow(n) => {
                            (*n, symptoms + 1, "a symptom threshold")
                        }
                        _ => return,
                    };
                    let path = || node_path().field(at.0).index(at.1).field("when");
                    range(&path, value.into(), 0, high, what);
                });
            }
        }
    }
    range(
        &|| root.field("course").field("time_limit"),
        scenario.course.time_limit.into(),
        1,
        52,
        "the time limit",
    );
}

fn check_course(scenario: &Scenario, findings: &mut Vec<Finding>) {
    let sessions_path = DataPath::root().field("course").field("sessions");
    if scenario.course.sessions.is_empty() {
        findings.push(
            Finding::new(Code::EmptyList, sessions_path, "the course has no sessions")
                .label("empty"),
        );
        return;
    }
    let time_limit = scenario.course.time_limit;
    let mut previous: Option<(u8, Phase)> = None;
    for (i, session) in scenario.course.sessions.iter().enumerate() {
        let path = sessions_path.index(i);
        if session.number == 0 || session.number > time_limit {
            findings.push(
                Finding::new(
                    Code::PhaseOrder,
                    path.field("number"),
                    format!(
                        "session {} is outside the agreed course of {time_limit} sessions",
                        session.number
                    ),
                )
                .label("outside the time limit")
                .hint("number sessions from 1 up to `course.time_limit`"),
            );
        }
        if i == 0 && session.phase != Phase::Initial {
            findings.push(
                Finding::new(
                    Code::PhaseOrder,
                    path.field("phase"),
                    "the course must begin in the initial phase",
                )
                .label("first session")
                .hint("IPT runs initial, then middle, then termination"),
            );
        }
        if let Some((number, phase)) = previous {
            if session.number <= number {
                findings.push(
                    Finding::new(
                        Code::PhaseOrder,
                        path.field("number"),
                        format!("session {} comes after session {number}", session.number),
                    )
                    .label("not after the previous session")
                    .hint("list sessions in increasing order of their numbers"),
                );
            }
            if session.phase < phase {
                findings.push(
                    Finding::new(
                        Code::PhaseOrder,
                        path.field("phase"),
                        format!(
                            "a {} session after a {} session",
                            session.phase.label(),
                            phase.label()
                        ),
                    )
                    .label("phase out of order")
                    .hint("IPT runs initial, then middle, then termination"),
                );
            }
        }
        if session.nodes.is_empty() {
            findings.push(
                Finding::new(
                    Code::EmptyList,
                    path.field("nodes"),
                    format!("session {} has no nodes", session.number),
                )
                .label("empty"),
            );
        }
        previous = Some((session.number, session.phase));
    }
}

/// Where an id sits: its node, and the list member (`lines[2]`) if it is not the node's own.
#[derive(Clone, Copy)]
struct IdAt<'p> {
    place: &'p Place<'p>,
    member: Option<(&'static str, usize)>,
}

impl IdAt<'_> {
    /// The path of the id, built only when a finding needs it.
    fn path(self) -> DataPath {
        let node = self.place.path();
        match self.member {
            Some((list, i)) => node.field(list).index(i).field("id"),
            None => node.field("id"),
        }
    }
}

/// Every id in a scenario, with where it sits: nodes, client lines, choices and statements
/// share one namespace, because attempt records name any of them.
fn each_id<'s, 'p>(graph: &'p Graph<'s>, mut visit: impl FnMut(&'s str, IdAt<'p>)) {
    for place in &graph.places {
        visit(
            place.node.id(),
            IdAt {
                place,
                member: None,
            },
        );
        let members: Vec<(&'static str, &'s str)> = match place.node {
            Node::Client(turn) => turn
                .lines
                .iter()
                .map(|l| ("lines", l.id.as_str()))
                .collect(),
            Node::Trainee(turn) => turn
                .choices
                .iter()
                .map(|c| ("choices", c.id.as_str()))
                .collect(),
            Node::Formulation(f) => f
                .statements
                .iter()
                .map(|s| ("statements", s.id.as_str()))
                .collect(),
            Node::Branch(_) | Node::Ending(_) => Vec::new(),
        };
        for (i, (list, id)) in members.into_iter().enumerate() {
            visit(
                id,
                IdAt {
                    place,
                    member: Some((list, i)),
                },
            );
        }
    }
}

fn check_ids(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    let mut first: HashMap<&str, IdAt<'_>> = HashMap::with_capacity(graph.len() * 3);
    each_id(graph, |id, at| {
        if let Some(problem) = ids::item_id_problem(id) {
            findings.push(
                Finding::new(
                    Code::InvalidId,
                    at.path(),
                    format!("the id `{}` is refused: {problem}", escaped(id)),
                )
                .label("not a usable id")
                .hint("ids are letters, digits, dashes, underscores and dots, up to 128"),
            );
        } else if let Some(earlier) = first.get(id) {
            findings.push(
                Finding::new(
                    Code::DuplicateId,
                    at.path(),
                    format!("the id `{id}` is used twice"),
                )
                .label("used again here")
                .hint(format!(
                    "it is first used at `{}`; ids must be unique within a scenario",
                    earlier.path()
                )),
            );
        } else {
            first.insert(id, at);
        }
    });
}

fn check_jumps(scenario: &Scenario, graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    let node_ids = || graph.places.iter().map(|p| p.node.id());
    if graph.start.is_none() {
        findings.push(
            Finding::new(
                Code::MissingStart,
                DataPath::root().field("start"),
                format!("`start` names no node: `{}`", scenario.start),
            )
            .label("no node has this id")
            .maybe_hint(did_you_mean(&scenario.start, node_ids())),
        );
    }
    for (i, place) in graph.places.iter().enumerate() {
        for edge in &graph.edges[i] {
            let via_path = || edge.via.path(&place.path());
            match edge.to {
                None => {
                    let target = target_name(place.node, edge.via);
                    findings.push(
                        Finding::new(
                            Code::UndefinedNode,
                            via_path(),
                            format!("jump to a node that does not exist: `{target}`"),
                        )
                        .label("no node has this id")
                        .maybe_hint(did_you_mean(target, node_ids())),
                    );
                }
                Some(to) if graph.places[to].session < place.session => findings.push(
                    Finding::new(
                        Code::BackInTime,
                        via_path(),
                        format!(
                            "jump back from session {} to session {}",
                            session_number(scenario, place),
                            session_number(scenario, &graph.places[to])
                        ),
                    )
                    .label("goes back in time")
                    .hint(
                        "a course moves forward; repeat content inside the later session instead",
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}

fn session_number(scenario: &Scenario, place: &Place<'_>) -> u8 {
    scenario
        .course
        .sessions
        .get(place.session)
        .map_or(0, |s| s.number)
}

fn target_name(node: &Node, via: super::graph::Via) -> &str {
    use super::graph::Via;
    match (node, via) {
        (Node::Client(turn), _) => &turn.next,
        (Node::Formulation(f), _) => &f.next,
        (Node::Trainee(turn), Via::Choice(i)) => turn.choices.get(i).map_or("", |c| &c.goto),
        (Node::Branch(b), Via::Case(i)) => b.cases.get(i).map_or("", |c| &c.goto),
        (Node::Branch(b), _) => &b.otherwise,
        _ => "",
    }
}

fn check_shape(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    for (i, place) in graph.places.iter().enumerate() {
        let empty = match place.node {
            Node::Client(turn) if turn.lines.is_empty() => {
                Some(("lines", "a client turn needs at least one line"))
            }
            Node::Formulation(f) if f.statements.is_empty() => {
                Some(("statements", "a formulation needs statements to tick"))
            }
            _ => None,
        };
        if let Some((field, message)) = empty {
            findings.push(
                Finding::new(Code::EmptyList, place.path().field(field), message).label("empty"),
            );
        }
        if !graph.is_ending(i) && graph.edges[i].is_empty() {
            findings.push(
                Finding::new(
                    Code::DeadEnd,
                    place.path().field("id"),
                    format!("`{}` is not an ending and has no way on", place.node.id()),
                )
                .label("dead end")
                .hint("give it a choice that leads on, or make it an `Ending`"),
            );
        }
    }
    let components = graph.components();
    for (c, members) in components.members.iter().enumerate() {
        let leaves = members
            .iter()
            .any(|&v| graph.is_ending(v) || graph.successors(v).any(|w| components.of[w] != c));
        let broken = members
            .iter()
            .any(|&v| graph.edges[v].iter().any(|e| e.to.is_none()));
        if components.cyclic[c] && !leaves && !broken {
            let Some(&first) = members.iter().min() else {
                continue;
            };
            let mut ids: Vec<&str> = members.iter().map(|&v| graph.places[v].node.id()).collect();
            ids.sort_unstable();
            ids.truncate(6);
            findings.push(
                Finding::new(
                    Code::CycleWithoutExit,
                    graph.places[first].path().field("id"),
                    format!(
                        "these nodes loop among themselves and never reach an ending: {}",
                        ids.join(", ")
                    ),
                )
                .label("loop with no exit")
                .hint("give one of them a way out of the loop"),
            );
        }
    }
    if graph.start.is_some() {
        let reachable = graph.reachable_from_start();
        for (i, place) in graph.places.iter().enumerate() {
            if !reachable[i] {
                findings.push(
                    Finding::new(
                        Code::Unreachable,
                        place.path().field("id"),
                        format!("no path from the start reaches `{}`", place.node.id()),
                    )
                    .label("unreachable")
                    .hint("jump to it from somewhere, or delete it"),
                );
            }
        }
    }
}

/// The conditions of a node's place, each with where it sits.
fn conditions<'s>(place: &Place<'s>) -> impl Iterator<Item = (&'s Condition, ConditionAt)> {
    conditions_of(place.node)
}

/// The conditions of a node, each with where it sits.
fn conditions_of<'s>(node: &'s Node) -> impl Iterator<Item = (&'s Condition, ConditionAt)> {
    let (lines, choices, cases): (&[_], &[_], &[_]) = match node {
        Node::Client(turn) => (&turn.lines, &[], &[]),
        Node::Trainee(turn) => (&[], &turn.choices, &[]),
        Node::Branch(b) => (&[], &[], &b.cases),
        Node::Formulation(_) | Node::Ending(_) => (&[], &[], &[]),
    };
    let lines = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l): (usize, &'s super::model::Line)| {
            Some((l.when.as_ref()?, ConditionAt("lines", i)))
        });
    let choices =
        choices
            .iter()
            .enumerate()
            .filter_map(|(i, c): (usize, &'s super::model::Choice)| {
                Some((c.when.as_ref()?, ConditionAt("choices", i)))
            });
    let cases = cases
        .iter()
        .enumerate()
        .map(|(i, c): (usize, &'s super::model::Case)| (&c.when, ConditionAt("cases", i)));
    lines.chain(choices).chain(cases)
}

/// Which member of a node holds a condition: `("choices", 2)` for `choices[2].when`.
#[derive(Clone, Copy)]
struct ConditionAt(&'static str, usize);

impl ConditionAt {
    fn path(self, place: &Place<'_>) -> DataPath {
        place.path().field(self.0).index(self.1).field("when")
    }
}

fn check_flags(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    // Where each flag is set (node, choice, `set` or `unset`, index) and read (node, member).
    let mut set: Vec<(&str, &Place<'_>, usize, &'static str, usize)> = Vec::new();
    let mut read: Vec<(&str, &Place<'_>, ConditionAt)> = Vec::new();
    for place in &graph.places {
        if let Node::Trainee(turn) = place.node {
            for (i, choice) in turn.choices.iter().enumerate() {
                for (field, flags) in [("set", &choice.set), ("unset", &choice.unset)] {
                    for (j, flag) in flags.iter().enumerate() {
                        set.push((flag, place, i, field, j));
                    }
                }
            }
        }
        for (condition, at) in conditions(place) {
            condition.for_each_leaf(&mut |leaf| {
                if let Condition::Flag(name) | Condition::NotFlag(name) = leaf {
                    read.push((name, place, at));
                }
            });
        }
    }
    let set_names: HashSet<&str> = set.iter().map(|s| s.0).collect();
    let read_names: HashSet<&str> = read.iter().map(|r| r.0).collect();
    // A misspelling leaves one spelling read and never set and the other set and never read:
    // each is suggested only for the other, never a flag that is both set and read (two flags
    // deliberately alike, such as `risk_asked` and `risk_missed`).
    let set_only: Vec<&str> = set_names.difference(&read_names).copied().collect();
    let read_only: Vec<&str> = read_names.difference(&set_names).copied().collect();
    let mut reported = HashSet::new();
    for &(name, place, at) in &read {
        if !set_names.contains(name) && reported.insert(name) {
            findings.push(
                Finding::new(
                    Code::FlagNeverSet,
                    at.path(place),
                    format!("the flag `{name}` is read but never set"),
                )
                .label("never set by any choice")
                .maybe_hint(
                    did_you_mean(name, set_only.iter().copied())
                        .or_else(|| Some(format!("set it with `set: [\"{name}\"]` on a choice"))),
                ),
            );
        }
    }
    for &(name, place, choice, field, j) in &set {
        if !read_names.contains(name) && reported.insert(name) {
            let path = place
                .path()
                .field("choices")
                .index(choice)
                .field(field)
                .index(j);
            findings.push(
                Finding::new(
                    Code::FlagNeverRead,
                    path,
                    format!("the flag `{name}` is set but never read"),
                )
                .label("no condition reads it")
                .maybe_hint(
                    did_you_mean(name, read_only.iter().copied())
                        .or_else(|| Some("read it with `when: Flag(...)`, or remove it".into())),
                ),
            );
        }
    }
}

fn check_choices(graph: &Graph<'_>, findings: &mut Vec<Finding>) {
    for place in &graph.places {
        match place.node {
            Node::Trainee(turn) => {
                if can_all_be_hidden(turn.choices.iter().map(|c| c.when.as_ref())) {
                    findings.push(
                        Finding::new(
                            Code::AllHidden,
                            place.path().field("id"),
                            format!("every choice of `{}` can be hidden at once", turn.id),
                        )
                        .label("the trainee could be left with nothing to say")
                        .hint("give one choice no `when`, or make the conditions cover every case"),
                    );
                }
                if let Some(expert) = &turn.expert
                    && !turn.choices.iter().any(|c| &c.id == expert)
                {
                    findings.push(
                        Finding::new(
                            Code::UnknownExpert,
                            place.path().field("expert"),
                            format!("`expert` names no choice of `{}`: `{expert}`", turn.id),
                        )
                        .label("not one of this node's choices")
                        .maybe_hint(did_you_mean(
                            expert,
                            turn.choices.iter().map(|c| c.id.as_str()),
                        )),
                    );
                }
                for (i, choice) in turn.choices.iter().enumerate() {
                    let choice_path = || place.path().field("choices").index(i);
                    let no_rationale = choice
                        .rationale
                        .as_deref()
                        .is_none_or(|r| r.trim().is_empty());
                    if !choice.evidence.is_empty() && no_rationale {
                        findings.push(
                            Finding::new(
                                Code::NoFeedback,
                                choice_path().field("id"),
                                format!("the scored choice `{}` has no rationale", choice.id),
                            )
                            .label("scored without feedback")
                            .hint("add `rationale: \"...\"` saying why this is or is not good IPT"),
                        );
                    }
                }
            }
            Node::Client(turn) if can_all_be_hidden(turn.lines.iter().map(|l| l.when.as_ref())) => {
                findings.push(
                    Finding::new(
                        Code::AllHidden,
                        place.path().field("id"),
                        format!("every line of `{}` can be hidden at once", turn.id),
                    )
                    .label("the client could be left with nothing to say")
                    .hint("give one line no `when`, or make the conditions cover every case"),
                );
            }
            _ => {}
        }
    }
}

/// A made-up state for asking whether some conditions can all be false at once.
struct Hypothesis<'a> {
    flags: &'a [&'a str],
    /// Bit `i` says whether `flags[i]` is set.
    true_flags: u32,
    levels: Levels,
}

impl Facts for Hypothesis<'_> {
    fn flag(&self, name: &str) -> bool {
        self.flags
            .iter()
            .position(|f| *f == name)
            .is_some_and(|i| self.true_flags & (1 << i) != 0)
    }
    fn levels(&self) -> Levels {
        self.levels
    }
}

/// Whether some state makes every one of these optional conditions false. An absent condition
/// always holds. It tries every combination of the flags and of the regions between the
/// thresholds that the conditions mention; past a few thousand combinations it gives up and
/// answers no, so that an unusual scenario gets no false alarm.
fn can_all_be_hidden<'c>(conditions: impl Iterator<Item = Option<&'c Condition>>) -> bool {
    let mut all = Vec::new();
    for condition in conditions {
        match condition {
            None => return false,
            Some(c) => all.push(c),
        }
    }
    if all.is_empty() {
        return false;
    }
    let mut flags: Vec<&str> = Vec::new();
    let mut rapport = vec![50];
    let mut symptoms = vec![10];
    for condition in &all {
        condition.for_each_leaf(&mut |leaf| match leaf {
            Condition::Flag(f) | Condition::NotFlag(f) if !flags.contains(&f.as_str()) => {
                flags.push(f)
            }
            Condition::RapportAtLeast(n) | Condition::RapportBelow(n) => {
                rapport.extend([*n, n.saturating_sub(1)])
            }
            Condition::SymptomsAtLeast(n) | Condition::SymptomsBelow(n) => {
                symptoms.extend([*n, n.saturating_sub(1)])
            }
            _ => {}
        });
    }
    let areas: Vec<Option<ProblemArea>> = std::iter::once(None)
        .chain(ProblemArea::ALL.map(Some))
        .collect();
    let combinations =
        (1u64 << flags.len().min(40)) * (rapport.len() * symptoms.len() * areas.len()) as u64;
    if flags.len() > 12 || combinations > 4096 {
        return false;
    }
    for true_flags in 0..(1u32 << flags.len()) {
        for &r in &rapport {
            for &s in &symptoms {
                for &area in &areas {
                    let facts = Hypothesis {
                        flags: &flags,
                        true_flags,
                        levels: Levels {
                            rapport: r,
                            symptoms: s,
                            area,
                        },
                    };
                    if all.iter().all(|c| !c.holds(&facts)) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

fn check_assets(scenario: &Scenario, assets: &AssetRoot, findings: &mut Vec<Finding>) {
    let Some(portrait) = &scenario.client.portrait else {
        return;
    };
    let path = DataPath::root().field("client").field("portrait");
    let Some(relative) = inside_folder(portrait) else {
        findings.push(
            Finding::new(
                Code::AssetOutside,
                path,
                format!("the asset path `{portrait}` leaves the scenario's folder"),
            )
            .label("refused")
            .hint("keep assets in the scenario's folder or below it, with a relative path"),
        );
        return;
    };
    let found = match assets {
        AssetRoot::Embedded(names) => names.contains(&relative.as_str()),
        AssetRoot::Folder(folder) => {
            let file = folder.join(&relative);
            // A link inside the folder may still point outside it; the real path decides.
            match (file.canonicalize(), folder.canonicalize()) {
                (Ok(real), Ok(root)) if !real.starts_with(&root) => {
                    findings.push(
                        Finding::new(Code::AssetOutside, path, format!("the asset `{portrait}` links to a file outside the scenario's folder"))
                            .label("refused")
                            .hint("copy the file into the scenario's folder"),
                    );
                    return;
                }
                (Ok(real), _) => real.is_file(),
                _ => false,
            }
        }
    };
    if !found {
        findings.push(
            Finding::new(
                Code::AssetMissing,
                path,
                format!("no file `{portrait}` beside the scenario"),
            )
            .label("file not found")
            .hint("paths are relative to the folder the scenario file is in"),
        );
    }
}

/// The path with `.` parts removed, if it stays inside its folder: relative, and no `..`
/// that climbs above the start.
fn inside_folder(path: &str) -> Option<String> {
    if path.starts_with(['/', '\\']) || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_paths_must_stay_inside() {
        assert_eq!(
            inside_folder("portraits/a.png").as_deref(),
            Some("portraits/a.png")
        );
        assert_eq!(inside_folder("./x/../a.png").as_deref(), Some("a.png"));
        assert_eq!(inside_folder("../a.png"), None);
        assert_eq!(inside_folder("x/../../a.png"), None);
        assert_eq!(inside_folder("/etc/passwd"), None);
        assert_eq!(inside_folder("C:\\x.png"), None);
    }

    #[test]
    fn complementary_conditions_cannot_all_be_hidden() {
        let flag = Condition::Flag("f".into());
        let not_flag = Condition::NotFlag("f".into());
        assert!(!can_all_be_hidden(
            [Some(&flag), Some(&not_flag)].into_iter()
        ));
        assert!(can_all_be_hidden([Some(&flag)].into_iter()));
        let high = Condition::RapportAtLeast(40);
        let low = Condition::RapportBelow(40);
        assert!(!can_all_be_hidden([Some(&high), Some(&low)].into_iter()));
        assert!(can_all_be_hidden(
            [Some(&high), Some(&Condition::RapportBelow(30))].into_iter()
        ));
        assert!(!can_all_be_hidden([Some(&flag), None].into_iter()));
    }
}
