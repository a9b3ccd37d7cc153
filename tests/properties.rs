//! Property tests: the loader never panics on any input, any scenario plays any path without
//! panic (extreme values included, and to the end when `check` accepts it), and `analyze`'s
//! dynamic programming agrees with brute-force path enumeration on small random graphs.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use std::collections::HashMap;

use ipt_trainer::analysis::analyze::{PathCount, analyze};
use ipt_trainer::analysis::check::check_bytes;
use ipt_trainer::scenario::model::*;
use ipt_trainer::scenario::synthetic;
use ipt_trainer::scenario::validate::AssetRoot;
use ipt_trainer::scoring::{item_points, points, rubric};
use proptest::prelude::*;

const RUTH: &str = include_str!("../scenarios/grief-ruth.ron");
const BASE: &str = include_str!("fixtures/valid-base.ron");

fn check(bytes: &[u8]) {
    let checked = check_bytes("prop.ron", bytes, &AssetRoot::Embedded(&[]));
    if let Some(scenario) = &checked.scenario {
        analyze(scenario);
    }
    for d in &checked.diagnostics {
        d.render(&checked.source, &annotate_snippets::Renderer::plain());
    }
}

/// One edit to a text: delete a range, insert bytes, or copy a slice elsewhere.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Copy(usize, usize, usize),
}

fn apply(text: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = text.to_vec();
    for edit in edits {
        let n = out.len().max(1);
        match edit {
            Edit::Delete(at, len) => {
                let start = at % n;
                let end = (start + len).min(out.len());
                out.drain(start.min(out.len())..end);
            }
            Edit::Insert(at, bytes) => {
                let at = (at % n).min(out.len());
                out.splice(at..at, bytes.iter().copied());
            }
            Edit::Copy(from, len, to) => {
                let start = (from % n).min(out.len());
                let end = (start + len).min(out.len());
                let slice = out[start..end].to_vec();
                let to = (to % n).min(out.len());
                out.splice(to..to, slice);
            }
        }
    }
    out
}

fn edit() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        b"(".to_vec(),
        b")".to_vec(),
        b"[".to_vec(),
        b"]".to_vec(),
        b",".to_vec(),
        b":".to_vec(),
        b"\"".to_vec(),
        b"Some(".to_vec(),
        b"Not(".to_vec(),
        b"/*".to_vec(),
        b"r#\"".to_vec(),
        vec![0xff],
        "é".as_bytes().to_vec(),
        b"goto: \"x\"".to_vec(),
        b"1e999".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), 0..64usize).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), tokens).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), 0..200usize, any::<usize>()).prop_map(|(f, l, t)| Edit::Copy(f, l, t)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn mutated_scenarios_never_panic(edits in prop::collection::vec(edit(), 1..6), which in any::<bool>()) {
        let text = if which { RUTH } else { BASE };
        check(&apply(text.as_bytes(), &edits));
    }

    #[test]
    fn analysis_matches_brute_force(graph in random_graph()) {
        let scenario = to_scenario(&graph);
        let analysis = analyze(&scenario);
        let brute = enumerate(&scenario);
        prop_assert_eq!(analysis.paths, PathCount::Exactly(brute.paths));
        for item in &analysis.items {
            let (min, max) = brute.items.get(item.item).copied().unwrap_or((0, 0));
            prop_assert!(item.bounds.exact);
            prop_assert_eq!((item.bounds.min, item.bounds.max), (min, max), "{}", item.item);
        }
        let total = analysis.total;
        prop_assert!(total.min <= brute.total.0 && brute.total.1 <= total.max, "{:?} vs {:?}", total, brute.total);
        if total.exact {
            prop_assert_eq!((total.min, total.max), brute.total);
        }
    }

    #[test]
    fn any_scenario_plays_any_path_without_panic(
        changes in prop::collection::vec((any::<i32>(), any::<i32>(), any::<i32>()), 1..40),
        picks in prop::collection::vec(0..3usize, 1..80),
        seed in any::<u64>(),
    ) {
        let mut scenario = synthetic::scenario(40, 3);
        let mut k = 0;
        for node in scenario.course.sessions.iter_mut().flat_map(|s| s.nodes.iter_mut()) {
            if let Node::Trainee(turn) = node {
                for choice in &mut turn.choices {
                    let (rapport, symptoms, threshold) = changes[k % changes.len()];
                    choice.rapport = rapport;
                    choice.symptoms = symptoms;
                    if k % 3 == 2 {
                        choice.when = Some(Condition::RapportBelow(threshold));
                    }
                    k += 1;
                }
            }
        }
        let text = synthetic::to_ron(&scenario);
        let checked = check_bytes("extreme.ron", text.as_bytes(), &AssetRoot::Embedded(&[]));
        // Whatever `check` says, the engine must not panic on the scenario (saturating
        // arithmetic); one `check` accepts must also play to an ending on any path.
        let shared = std::sync::Arc::new(scenario);
        let mut engine = ipt_trainer::session::engine::Engine::new(shared, seed).expect("starts");
        let mut i = 0;
        while !engine.is_finished() && i < 1000 {
            use ipt_trainer::session::engine::{Answer, Prompt};
            let answer = match engine.prompt() {
                Prompt::Choose { options, .. } => Answer::Choice {
                    id: options[picks[i % picks.len()] % options.len()].id.clone(),
                    written: None,
                },
                Prompt::Formulate { .. } => Answer::Formulation {
                    area: ProblemArea::ALL[picks[i % picks.len()] % 4],
                    ticked: Vec::new(),
                },
                Prompt::Ended { .. } => break,
            };
            if engine.answer(&answer).is_err() {
                break;
            }
            i += 1;
            prop_assert!((0..=RAPPORT_MAX).contains(&engine.state.rapport));
            prop_assert!((0..=SYMPTOMS_MAX).contains(&engine.state.symptoms));
        }
        if checked.scenario.is_some() {
            prop_assert!(engine.is_finished());
        }
        let _ = engine.scorecard();
    }

    #[test]
    fn generated_scenarios_round_trip_and_check_clean(nodes in 12..80usize, salt in any::<u16>()) {
        let text = synthetic::to_ron(&synthetic::scenario(nodes, salt.into()));
        let checked = check_bytes("generated.ron", text.as_bytes(), &AssetRoot::Embedded(&[]));
        prop_assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    }
}

/// A random acyclic graph: for each choice node, its choices as (target, evidence).
type RandomGraph = Vec<Vec<(usize, Vec<(usize, u8)>)>>;

const ITEMS: [&str; 3] = ["diagnosis", "inventory", "transference"];

fn random_graph() -> impl Strategy<Value = RandomGraph> {
    (2..9usize).prop_flat_map(|n| {
        let node = |i: usize| {
            // Each choice jumps forward (or to the ending, index n).
            let choice = (
                (i + 1)..=n,
                prop::collection::vec((0..ITEMS.len(), 0..3u8), 0..3),
            );
            prop::collection::vec(choice, 1..4)
        };
        (0..n).map(node).collect::<Vec<_>>()
    })
}

fn to_scenario(graph: &RandomGraph) -> Scenario {
    let mut text = synthetic::scenario(12, 0);
    let n = graph.len();
    let name = |i: usize| {
        if i == n {
            "end".to_owned()
        } else {
            format!("t{i}")
        }
    };
    let mut nodes: Vec<Node> = graph
        .iter()
        .enumerate()
        .map(|(i, choices)| {
            Node::Trainee(TraineeTurn {
                id: name(i),
                prompt: String::new(),
                expert: None,
                choices: choices
                    .iter()
                    .enumerate()
                    .map(|(c, (to, evidence))| Choice {
                        id: format!("t{i}-{c}"),
                        text: String::new(),
                        evidence: evidence
                            .iter()
                            .map(|&(item, kind)| {
                                let id = ITEMS[item].to_owned();
                                match kind {
                                    0 => Evidence::Full(id),
                                    1 => Evidence::Partial(id),
                                    _ => Evidence::Against(id),
                                }
                            })
                            .collect(),
                        rapport: 0,
                        symptoms: 0,
                        set: Vec::new(),
                        unset: Vec::new(),
                        rationale: None,
                        when: None,
                        goto: name(*to),
                    })
                    .collect(),
            })
        })
        .collect();
    nodes.push(Node::Ending(Ending {
        id: "end".into(),
        kind: EndingKind::Completed,
        text: String::new(),
    }));
    text.course.sessions.truncate(1);
    text.course.sessions[0].nodes = nodes;
    text.start = "t0".into();
    text
}

struct Brute {
    paths: u128,
    items: HashMap<&'static str, (i64, i64)>,
    total: (i64, i64),
}

/// Walks every path and scores it the slow, obvious way.
fn enumerate(scenario: &Scenario) -> Brute {
    let nodes = &scenario.course.sessions[0].nodes;
    let index: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id(), n)).collect();
    let mut brute = Brute {
        paths: 0,
        items: HashMap::new(),
        total: (i64::MAX, i64::MIN),
    };
    // Per item: the credit and the penalties gathered so far, as the scorecard keeps them.
    type Sums<'a> = HashMap<&'a str, (i64, i64)>;
    let mut stack: Vec<(&str, Sums<'_>)> = vec![("t0", HashMap::new())];
    while let Some((id, sums)) = stack.pop() {
        match index[id] {
            Node::Ending(_) => {
                brute.paths += 1;
                let mut total = 0;
                for item in rubric::ITEMS {
                    let (credit, against) = sums.get(item.id).copied().unwrap_or((0, 0));
                    let points = item_points(item, credit, against);
                    total += points;
                    let entry = brute.items.entry(item.id).or_insert((i64::MAX, i64::MIN));
                    *entry = (entry.0.min(points), entry.1.max(points));
                }
                brute.total = (brute.total.0.min(total), brute.total.1.max(total));
            }
            Node::Trainee(turn) => {
                for choice in &turn.choices {
                    let mut next = sums.clone();
                    for e in &choice.evidence {
                        let sums = next
                            .entry(rubric::find(e.item()).expect("item").id)
                            .or_default();
                        match points(e) {
                            p if p > 0 => sums.0 += p,
                            p => sums.1 -= p,
                        }
                    }
                    stack.push((choice.goto.as_str(), next));
                }
            }
            _ => unreachable!("only choices and the ending"),
        }
    }
    brute
}
