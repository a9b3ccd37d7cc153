//! Analysis of a scenario's graph: the best and worst score each rubric item, each headline
//! skill and the total can reach, under the rules the engine applies (timing, the problem area
//! formulated, the risk rule); the reachable endings; the nodes on no path to an ending; the
//! number of distinct paths; and the risk lines an attempt must answer.
//!
//! Rules that look back along a path (a risk cue waiting for its reply, a disclosure waiting for
//! a plan, whether the area formulated is right) are followed by walking the graph of (node,
//! situation) pairs, a small multiple of the scenario's graph. Every figure is dynamic
//! programming over its strongly connected components in topological order: linear in the
//! size of the graph, never path enumeration.

use std::collections::{BTreeSet, HashMap, VecDeque};

use serde::Serialize;

use crate::scenario::graph::{Graph, Via, components};
use crate::scenario::model::{EndingKind, Evidence, Node, Phase, ProblemArea, Risk, Scenario};
use crate::scoring::rules::{self, Moment};
use crate::scoring::{self, ITEM_MIN, rubric};

/// The lowest and highest value a figure takes over every path from the start to an ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bounds {
    pub min: i64,
    pub max: i64,
    /// False when loops or per-item caps make these outer bounds rather than values some path
    /// attains; the true range then lies within them.
    pub exact: bool,
    /// When the bounds are not exact: the lowest and highest value of two real paths found on
    /// the way, so the true range lies between these and the bounds.
    pub reached: Option<(i64, i64)>,
}

impl Bounds {
    const ZERO: Bounds = Bounds {
        min: 0,
        max: 0,
        exact: true,
        reached: None,
    };
}

/// A path through the graph as the steps taken: (node, index of the step among its steps).
type Witness = Vec<(usize, usize)>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemBounds {
    pub item: &'static str,
    pub bounds: Bounds,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineBounds {
    pub headline: rubric::Headline,
    pub bounds: Bounds,
    /// The headline's full score: the most its items could earn in this scenario.
    pub full: i64,
}

/// How many distinct paths lead from the start to an ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PathCount {
    Exactly(u128),
    /// More than `u128::MAX`.
    AtLeast(u128),
    /// A loop lies on a path to an ending, so paths can be made as long as one likes.
    Unbounded,
}

impl std::fmt::Display for PathCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathCount::Exactly(n) => write!(f, "{n}"),
            PathCount::AtLeast(n) if *n == u128::MAX => write!(f, "more than 2^128 - 1"),
            PathCount::AtLeast(n) => write!(f, "more than {n}"),
            PathCount::Unbounded => write!(f, "unbounded (a loop lies on a path to an ending)"),
        }
    }
}

/// A client line that an attempt must answer in time, or fail the safety gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskLine {
    pub line: String,
    pub risk: Risk,
    pub session: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub scenario: String,
    pub nodes: usize,
    pub total: Bounds,
    /// The most the scenario's items could earn together: the denominator of a percentage.
    pub full_score: i64,
    pub headlines: Vec<HeadlineBounds>,
    /// Only the items some path can evidence.
    pub items: Vec<ItemBounds>,
    pub endings: Vec<(String, EndingKind)>,
    /// Nodes that lie on no path from the start to an ending.
    pub off_path: Vec<String>,
    pub paths: PathCount,
    /// Risk cues and disclosures: any left unanswered fails an attempt (the safety gate).
    pub risks: Vec<RiskLine>,
}

/// Analyses a scenario. Call it on a scenario that passed validation; on one with dangling
/// jumps it still answers, treating a jump to nowhere as no edge.
pub fn analyze(scenario: &Scenario) -> Analysis {
    let graph = Graph::new(scenario);
    let reachable = graph.reachable_from_start();
    let reaches_end = graph.reaches_ending();
    let live: Vec<bool> = reachable
        .iter()
        .zip(&reaches_end)
        .map(|(a, b)| *a && *b)
        .collect();
    let walk = expand(scenario, &graph, &live);

    let item_bounds: Vec<(&'static rubric::Item, ItemFacts)> = rubric::ITEMS
        .iter()
        .map(|item| (item, walk.item_facts(item)))
        .collect();
    let group_bounds = |members: &dyn Fn(&rubric::Item) -> bool| -> Bounds {
        let chosen: Vec<&(&rubric::Item, ItemFacts)> = item_bounds
            .iter()
            .filter(|(item, _)| members(item))
            .collect();
        let ids: Vec<&str> = chosen.iter().map(|(item, _)| item.id).collect();
        let (summed, witnesses) =
            walk.bounds_with_paths(&|step: &Weights| ids.iter().map(|id| net(step, id)).sum());
        // While no item's cap or floor can bind, an item's points are the plain sum of its
        // evidence along the path, so the sum over the group is exact.
        if chosen.iter().all(|(_, facts)| facts.linear) {
            return summed;
        }
        let each_min: i64 = chosen.iter().map(|(_, f)| f.bounds.min).sum();
        let each_max: i64 = chosen.iter().map(|(_, f)| f.bounds.max).sum();
        // The caps bind somewhere: the sums of the items' own bounds are outer bounds, and the
        // two paths the search found are real values that may meet them.
        let items: Vec<&rubric::Item> = chosen.iter().map(|(item, _)| *item).collect();
        let reached = witnesses.map(|[low, high]| {
            (
                walk.path_points(&low, &items),
                walk.path_points(&high, &items),
            )
        });
        Bounds {
            min: each_min,
            max: each_max,
            exact: reached == Some((each_min, each_max)),
            reached: reached.filter(|&r| r != (each_min, each_max)),
        }
    };
    let full = |members: &dyn Fn(&rubric::Item) -> bool| -> i64 {
        item_bounds
            .iter()
            .filter(|(item, facts)| members(item) && facts.bounds.max > 0)
            .map(|(item, _)| scoring::item_max(item))
            .sum()
    };

    let headlines = rubric::Headline::ALL
        .iter()
        .map(|&headline| {
            let members = |item: &rubric::Item| item.headline == Some(headline);
            HeadlineBounds {
                headline,
                bounds: group_bounds(&members),
                full: full(&members),
            }
        })
        .collect();
    let everything = |_: &rubric::Item| true;
    let items = item_bounds
        .iter()
        .filter(|(_, facts)| facts.touched)
        .map(|(item, facts)| ItemBounds {
            item: item.id,
            bounds: facts.bounds,
        })
        .collect();
    let endings = (0..graph.len())
        .filter(|&i| live[i])
        .filter_map(|i| match graph.places[i].node {
            Node::Ending(e) => Some((e.id.clone(), e.kind)),
            _ => None,
        })
        .collect();
    let off_path = (0..graph.len())
        .filter(|&i| !live[i])
        .map(|i| graph.places[i].node.id().to_owned())
        .collect();
    Analysis {
        scenario: scenario.id.clone(),
        nodes: graph.len(),
        total: group_bounds(&everything),
        full_score: full(&everything),
        headlines,
        items,
        endings,
        off_path,
        paths: count_paths(&graph, &live),
        risks: risk_lines(scenario),
    }
}

/// Every risk line of a scenario, in file order.
fn risk_lines(scenario: &Scenario) -> Vec<RiskLine> {
    let mut lines = Vec::new();
    for session in &scenario.course.sessions {
        for node in &session.nodes {
            let Node::Client(turn) = node else { continue };
            for line in &turn.lines {
                if let Some(risk) = line.risk {
                    lines.push(RiskLine {
                        line: line.id.clone(),
                        risk,
                        session: session.number,
                    });
                }
            }
        }
    }
    lines
}

/// The evidence a step counts: (item, points), after the rules.
type Weights = Vec<(String, i64)>;

/// The points a step gives an item, net.
fn net(step: &Weights, item: &str) -> i64 {
    step.iter().filter(|(i, _)| i == item).map(|(_, p)| p).sum()
}

/// The positive credit a step gives an item.
fn credit(step: &Weights, item: &str) -> i64 {
    step.iter()
        .filter(|(i, p)| i == item && *p > 0)
        .map(|(_, p)| p)
        .sum()
}

/// The points a step takes from an item, as a positive number.
fn against(step: &Weights, item: &str) -> i64 {
    -step
        .iter()
        .filter(|(i, p)| i == item && *p < 0)
        .map(|(_, p)| p)
        .sum::<i64>()
}

/// What a path has left open, as far as the rules look back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Situation {
    /// A risk cue or disclosure waits for its reply.
    cue: bool,
    /// A disclosure waits for a safety plan.
    plan: bool,
    /// Whether the area formulated so far is the right one; `None` before any formulation.
    on_right_area: Option<bool>,
}

/// The graph of (node, situation) pairs reachable from the start, with the evidence each step
/// counts under the engine's rules.
fn expand(scenario: &Scenario, graph: &Graph<'_>, live: &[bool]) -> Walk {
    let answer = scenario.answer.problem_area;
    // Any wrong area stands for all of them: the rules only ask whether an area is right and
    // whether it changed.
    let wrong = ProblemArea::ALL
        .into_iter()
        .find(|&a| a != answer)
        .unwrap_or(answer);
    let mut index: HashMap<(usize, Situation), usize> = HashMap::new();
    let mut pairs: Vec<(usize, Situation)> = Vec::new();
    let mut queue = VecDeque::new();
    let mut visit = |pair: (usize, Situation),
                     pairs: &mut Vec<(usize, Situation)>,
                     queue: &mut VecDeque<usize>| {
        *index.entry(pair).or_insert_with(|| {
            pairs.push(pair);
            queue.push_back(pairs.len() - 1);
            pairs.len() - 1
        })
    };
    let start = graph
        .start
        .filter(|&s| live[s])
        .map(|s| visit((s, Situation::default()), &mut pairs, &mut queue));
    // Pairs are numbered as they are found and taken up in that order, so the steps of pair
    // `at` are always the next to push.
    let mut steps: Vec<Vec<(usize, Weights)>> = Vec::new();
    while let Some(at) = queue.pop_front() {
        let (v, situation) = pairs[at];
        let place = graph.places[v];
        let (phase, number) = scenario
            .course
            .sessions
            .get(place.session)
            .map_or((Phase::Initial, 1), |s| (s.phase, s.number));
        let mut out = Vec::new();
        for edge in &graph.edges[v] {
            let Some(to) = edge.to.filter(|&to| live[to]) else {
                continue;
            };
            let moves: Vec<(Situation, Weights)> = match (place.node, edge.via) {
                (Node::Client(turn), _) => {
                    // One step for each kind of line the client may say (line variants are
                    // picked at random): plain, a cue, a disclosure.
                    let kinds: BTreeSet<Option<Risk>> = turn.lines.iter().map(|l| l.risk).collect();
                    kinds
                        .into_iter()
                        .map(|risk| {
                            let mut next = situation;
                            next.cue |= risk.is_some();
                            next.plan |= risk == Some(Risk::Disclosure);
                            (next, Weights::new())
                        })
                        .collect()
                }
                (Node::Trainee(turn), Via::Choice(i)) => turn
                    .choices
                    .get(i)
                    .map(|choice| {
                        let moment = Moment {
                            phase,
                            session: number,
                            time_limit: scenario.course.time_limit,
                            on_right_area: situation.on_right_area,
                        };
                        let mut weights: Weights = choice
                            .evidence
                            .iter()
                            .map(|e| rules::rule(e, moment))
                            .filter(|r| r.counts)
                            .map(|r| (r.evidence.item().to_owned(), r.points()))
                            .collect();
                        let mut next = situation;
                        if situation.cue {
                            if !rules::responds_to_risk(&choice.evidence)
                                && !rules::already_marked_down(&choice.evidence)
                            {
                                weights.push((rubric::RISK_ASKED.to_owned(), -2));
                            }
                            next.cue = false;
                        }
                        if rules::makes_plan(&choice.evidence) {
                            next.plan = false;
                        }
                        (next, weights)
                    })
                    .into_iter()
                    .collect(),
                (Node::Formulation(_), _) => ProblemArea::ALL
                    .iter()
                    .map(|&area| {
                        let before = situation
                            .on_right_area
                            .map(|right| if right { answer } else { wrong });
                        let weights = rules::formulation_evidence(answer, before, area, true)
                            .map(|e: Evidence| (e.item().to_owned(), scoring::points(&e)))
                            .into_iter()
                            .collect();
                        let next = Situation {
                            on_right_area: Some(area == answer),
                            ..situation
                        };
                        (next, weights)
                    })
                    .collect(),
                _ => vec![(situation, Weights::new())],
            };
            let closes = graph.is_ending(to) || graph.places[to].session != place.session;
            for (mut next, mut weights) in moves {
                // The engine closes what is still open when a session or the course ends.
                if closes {
                    if next.cue {
                        weights.push((rubric::RISK_ASKED.to_owned(), -2));
                    }
                    if next.plan {
                        weights.push((rubric::RISK_PLAN.to_owned(), -2));
                    }
                    (next.cue, next.plan) = (false, false);
                }
                let target = visit((to, next), &mut pairs, &mut queue);
                out.push((target, weights));
            }
        }
        steps.push(out);
    }
    let ending = pairs.iter().map(|&(v, _)| graph.is_ending(v)).collect();
    Walk::new(steps, ending, start)
}

/// The number of distinct paths, counted on the scenario's own graph: two choices leading to the
/// same node are two paths, and so are two problem areas chosen at a formulation.
fn count_paths(graph: &Graph<'_>, live: &[bool]) -> PathCount {
    let steps = (0..graph.len())
        .map(|v| {
            let ways = match graph.places[v].node {
                Node::Formulation(_) => ProblemArea::ALL.len(),
                _ => 1,
            };
            graph.edges[v]
                .iter()
                .filter_map(|e| e.to.filter(|&to| live[to] && live[v]))
                .flat_map(|to| std::iter::repeat_n((to, Weights::new()), ways))
                .collect()
        })
        .collect();
    let ending = (0..graph.len()).map(|v| graph.is_ending(v)).collect();
    let start = graph.start.filter(|&s| live[s]);
    Walk::new(steps, ending, start).count_paths()
}

/// An item's bounds, and whether its points are the plain sum of its evidence on every path.
struct ItemFacts {
    bounds: Bounds,
    /// No cap or floor binds on any path.
    linear: bool,
    /// Some step evidences the item.
    touched: bool,
}

/// A graph for the dynamic programming: nodes with weighted steps, in topological order of its
/// strongly connected components, worked out once and shared by every figure.
struct Walk {
    steps: Vec<Vec<(usize, Weights)>>,
    ending: Vec<bool>,
    start: Option<usize>,
    component_of: Vec<usize>,
    /// Components, first to last in topological order.
    components: Vec<Vec<usize>>,
    cyclic: Vec<bool>,
}

impl Walk {
    fn new(steps: Vec<Vec<(usize, Weights)>>, ending: Vec<bool>, start: Option<usize>) -> Self {
        let successors: Vec<Vec<usize>> = steps
            .iter()
            .map(|out| out.iter().map(|(to, _)| *to).collect())
            .collect();
        let found = components(&successors);
        let count = found.members.len();
        // Tarjan lists components in reverse topological order.
        let component_of = found.of.iter().map(|&c| count - 1 - c).collect();
        let mut components = found.members;
        components.reverse();
        let mut cyclic = found.cyclic;
        cyclic.reverse();
        Walk {
            steps,
            ending,
            start,
            component_of,
            components,
            cyclic,
        }
    }

    fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether a loop with a step that touches `weight` lies on some path.
    fn loops_with(&self, weight: &dyn Fn(&Weights) -> i64) -> bool {
        self.components.iter().enumerate().any(|(c, members)| {
            self.cyclic[c]
                && members.iter().any(|&v| {
                    self.steps[v]
                        .iter()
                        .any(|(to, w)| self.component_of[*to] == c && weight(w) != 0)
                })
        })
    }

    /// The least and greatest sum of `weight` over the steps of any path from the start to an
    /// ending, and (when no loop is live) the two paths that reach them. Inside a loop a path
    /// may go round as often as it likes: a loop with a step of non-zero weight makes the sum
    /// unbounded (saturated, which an item's cap then bounds) and not exact.
    fn bounds_with_paths(
        &self,
        weight: &dyn Fn(&Weights) -> i64,
    ) -> (Bounds, Option<[Witness; 2]>) {
        const NONE: (i64, i64) = (i64::MAX, i64::MIN);
        let Some(start) = self.start else {
            return (Bounds::ZERO, None);
        };
        let mut best = vec![NONE; self.len()];
        // How each node's least and greatest value was reached: (node, step index).
        let mut came_from: Vec<[Option<(usize, usize)>; 2]> = vec![[None, None]; self.len()];
        best[start] = (0, 0);
        let mut result = NONE;
        let mut ends = [start, start];
        let mut exact = true;
        let mut looped = false;
        for (c, members) in self.components.iter().enumerate() {
            // Entry values: the best over every way into the component.
            let mut entry = NONE;
            for &v in members {
                entry = (entry.0.min(best[v].0), entry.1.max(best[v].1));
            }
            if entry == NONE {
                continue;
            }
            if self.cyclic[c] {
                looped = true;
                // Going round costs nothing unless a step inside the loop has weight.
                let (mut low, mut high) = (0, 0);
                for &v in members {
                    for (to, step) in &self.steps[v] {
                        if self.component_of[*to] == c {
                            let w = weight(step).saturating_mul(i64::from(i32::MAX));
                            low = low.min(w);
                            high = high.max(w);
                        }
                    }
                }
                exact &= low == 0 && high == 0;
                entry = (entry.0.saturating_add(low), entry.1.saturating_add(high));
            }
            for &v in members {
                best[v] = entry;
                if self.ending[v] {
                    if entry.0 < result.0 {
                        (result.0, ends[0]) = (entry.0, v);
                    }
                    if entry.1 > result.1 {
                        (result.1, ends[1]) = (entry.1, v);
                    }
                }
                for (k, (to, step)) in self.steps[v].iter().enumerate() {
                    if self.component_of[*to] != c {
                        let w = weight(step);
                        if entry.0.saturating_add(w) < best[*to].0 {
                            best[*to].0 = entry.0.saturating_add(w);
                            came_from[*to][0] = Some((v, k));
                        }
                        if entry.1.saturating_add(w) > best[*to].1 {
                            best[*to].1 = entry.1.saturating_add(w);
                            came_from[*to][1] = Some((v, k));
                        }
                    }
                }
            }
        }
        if result == NONE {
            return (Bounds::ZERO, None);
        }
        let bounds = Bounds {
            min: result.0,
            max: result.1,
            exact,
            reached: None,
        };
        let trace = |side: usize| {
            let mut path = Vec::new();
            let mut at = ends[side];
            while let Some((from, k)) = came_from[at][side] {
                path.push((from, k));
                at = from;
            }
            path.reverse();
            path
        };
        let witnesses = (!looped).then(|| [trace(0), trace(1)]);
        (bounds, witnesses)
    }

    /// An item's bounds under the scoring rule (credit capped first, then every penalty
    /// subtracted, down to the floor). Exact where no loop touches the item: the dynamic
    /// programming carries the credit so far, capped, beside the penalties. Otherwise outer
    /// bounds from the credit and the penalties taken apart.
    fn item_facts(&self, item: &rubric::Item) -> ItemFacts {
        let id = item.id;
        let cap = scoring::item_max(item);
        let touches = |w: &Weights| credit(w, id) + against(w, id);
        let touched = self.steps.iter().flatten().any(|(_, w)| touches(w) != 0);
        if !touched {
            // Most of the rubric is untouched by any one scenario: nothing to work out.
            return ItemFacts {
                bounds: Bounds::ZERO,
                linear: true,
                touched,
            };
        }
        let (credits, _) = self.bounds_with_paths(&|w| credit(w, id));
        let (penalties, _) = self.bounds_with_paths(&|w| against(w, id));
        let linear = credits.exact
            && penalties.exact
            && credits.max <= cap
            && credits.min.saturating_sub(penalties.max) >= ITEM_MIN;
        if self.loops_with(&touches) {
            return ItemFacts {
                bounds: Bounds {
                    min: scoring::item_points(item, credits.min, penalties.max),
                    max: scoring::item_points(item, credits.max, penalties.min),
                    exact: false,
                    reached: None,
                },
                linear: false,
                touched,
            };
        }
        ItemFacts {
            bounds: self.capped_bounds(item),
            linear,
            touched,
        }
    }

    /// Exact bounds of an item's points on a graph with no loop touching it: for every node and
    /// every value of the credit so far (capped, so a handful of values), the least and greatest
    /// penalty a path can have gathered.
    fn capped_bounds(&self, item: &rubric::Item) -> Bounds {
        /// An item's credit is capped at 2, so a path's capped credit is one of three values.
        const CREDITS: usize = scoring::ITEM_MAX as usize + 1;
        const NONE: (i64, i64) = (i64::MAX, i64::MIN);
        type Penalties = [(i64, i64); CREDITS];
        let cap = scoring::item_max(item);
        let Some(start) = self.start else {
            return Bounds::ZERO;
        };
        let merge = |into: &mut Penalties, from: &Penalties| {
            for (a, b) in into.iter_mut().zip(from) {
                *a = (a.0.min(b.0), a.1.max(b.1));
            }
        };
        // best[v][c]: the least and greatest penalty of a path to v with capped credit c.
        let mut best: Vec<Penalties> = vec![[NONE; CREDITS]; self.len()];
        best[start][0] = (0, 0);
        let (mut low, mut high) = (i64::MAX, i64::MIN);
        for (c, members) in self.components.iter().enumerate() {
            if self.cyclic[c] {
                // No step inside the loop touches the item, so every member is reached with
                // what any of them is reached with.
                let mut merged = [NONE; CREDITS];
                for &v in members {
                    merge(&mut merged, &best[v]);
                }
                for &v in members {
                    best[v] = merged;
                }
            }
            for &v in members {
                let here = best[v];
                let reached = here.iter().enumerate().filter(|(_, p)| **p != NONE);
                if self.ending[v] {
                    for (credit, &(least, most)) in reached.clone() {
                        let credit = credit as i64;
                        low = low.min(scoring::item_points(item, credit, most));
                        high = high.max(scoring::item_points(item, credit, least));
                    }
                }
                for (to, step) in &self.steps[v] {
                    if self.component_of[*to] == c {
                        continue;
                    }
                    let gain = credit(step, item.id);
                    let loss = against(step, item.id);
                    for (credit, &(least, most)) in reached.clone() {
                        let after = usize::try_from((credit as i64 + gain).min(cap)).unwrap_or(0);
                        if let Some(entry) = best[*to].get_mut(after) {
                            entry.0 = entry.0.min(least.saturating_add(loss));
                            entry.1 = entry.1.max(most.saturating_add(loss));
                        }
                    }
                }
            }
        }
        if low > high {
            return Bounds::ZERO;
        }
        Bounds {
            min: low,
            max: high,
            exact: true,
            reached: None,
        }
    }

    /// The true points of a path for a group of items, as the scorecard counts them.
    fn path_points(&self, path: &Witness, items: &[&rubric::Item]) -> i64 {
        let steps: Vec<&Weights> = path
            .iter()
            .filter_map(|&(v, k)| self.steps.get(v)?.get(k).map(|(_, step)| step))
            .collect();
        items
            .iter()
            .map(|item| {
                let gained = steps.iter().map(|s| credit(s, item.id)).sum();
                let lost = steps.iter().map(|s| against(s, item.id)).sum();
                scoring::item_points(item, gained, lost)
            })
            .sum()
    }

    /// Counts distinct paths, a step being a way.
    fn count_paths(&self) -> PathCount {
        let Some(start) = self.start else {
            return PathCount::Exactly(0);
        };
        if self.cyclic.iter().any(|&cyclic| cyclic) {
            return PathCount::Unbounded;
        }
        let mut ways = vec![0u128; self.len()];
        ways[start] = 1;
        let mut total = 0u128;
        let mut saturated = false;
        for members in &self.components {
            for &v in members {
                if self.ending[v] {
                    total = total.checked_add(ways[v]).unwrap_or_else(|| {
                        saturated = true;
                        u128::MAX
                    });
                }
                for (to, _) in &self.steps[v] {
                    ways[*to] = ways[*to].checked_add(ways[v]).unwrap_or_else(|| {
                        saturated = true;
                        u128::MAX
                    });
                }
            }
        }
        if saturated {
            PathCount::AtLeast(u128::MAX)
        } else {
            PathCount::Exactly(total)
        }
    }
}
