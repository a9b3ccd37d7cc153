//! Analysis of a scenario's graph: the best and worst achievable score (in total, per headline
//! skill and per rubric item), the reachable endings, the nodes on no path to an ending, and
//! the number of distinct paths. Every figure is dynamic programming over the strongly
//! connected components in topological order: linear in the size of the graph, never path
//! enumeration.

use serde::Serialize;

use crate::scenario::graph::{Graph, Via};
use crate::scenario::model::{Answer, Choice, EndingKind, Evidence, Node, ProblemArea, Scenario};
use crate::scoring::{self, rubric};

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
    let order = Order::new(&graph, &live, &scenario.answer);

    let item_bounds: Vec<(&'static rubric::Item, Bounds)> = rubric::ITEMS
        .iter()
        .map(|item| {
            let raw = order
                .bounds_with_paths(&graph, &|step: &Step<'_>| step.sum_for(item.id))
                .0;
            (item, raw)
        })
        .collect();
    let clamp = |item: &rubric::Item, raw: Bounds| Bounds {
        min: scoring::item_points(item, raw.min),
        max: scoring::item_points(item, raw.max),
        exact: raw.exact,
        reached: None,
    };
    // A total is a plain sum along the path only while no item's cap can bind; otherwise the
    // sum of the items' own bounds is the tighter outer bound.
    let caps_never_bind = |item: &rubric::Item, raw: Bounds| {
        let capped = clamp(item, raw);
        capped.min == raw.min && capped.max == raw.max
    };
    let group_bounds = |members: &dyn Fn(&rubric::Item) -> bool| -> Bounds {
        let chosen: Vec<&(&rubric::Item, Bounds)> = item_bounds
            .iter()
            .filter(|(item, _)| members(item))
            .collect();
        let ids: Vec<&str> = chosen.iter().map(|(item, _)| item.id).collect();
        let (summed, witnesses) = order.bounds_with_paths(&graph, &|step: &Step<'_>| {
            ids.iter().map(|id| step.sum_for(id)).sum()
        });
        let each_min: i64 = chosen.iter().map(|(item, raw)| clamp(item, *raw).min).sum();
        let each_max: i64 = chosen.iter().map(|(item, raw)| clamp(item, *raw).max).sum();
        let additive = chosen
            .iter()
            .all(|(item, raw)| caps_never_bind(item, *raw) && raw.exact);
        if additive {
            return summed;
        }
        // The caps bind somewhere: the sums of the items' own bounds are outer bounds, and the
        // two paths the additive search found are real values that may meet them.
        let reached = witnesses.map(|[low, high]| {
            let score = |path: &Witness| order.path_score(path, &chosen);
            (score(&low), score(&high))
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
            .filter(|(item, raw)| members(item) && raw.max > 0)
            .map(|(item, _)| scoring::item_points(item, scoring::ITEM_MAX))
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
        .filter(|(_, raw)| raw.min != 0 || raw.max != 0)
        .map(|(item, raw)| ItemBounds {
            item: item.id,
            bounds: clamp(item, *raw),
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
        paths: order.count_paths(&graph),
    }
}

/// What a step of a path is made of: its evidence is what the step is worth.
enum Step<'s> {
    /// Client lines and branches carry no evidence.
    Plain,
    Choice(&'s Choice),
    /// The area chosen at a formulation, with the evidence that choice earns.
    Area(Evidence),
}

impl Step<'_> {
    /// The sum of the step's evidence for one item.
    fn sum_for(&self, item: &str) -> i64 {
        let evidence = match self {
            Step::Plain => return 0,
            Step::Choice(choice) => choice.evidence.as_slice(),
            Step::Area(evidence) => std::slice::from_ref(evidence),
        };
        evidence
            .iter()
            .filter(|e| e.item() == item)
            .map(scoring::points)
            .sum()
    }
}

/// The live part of the graph (on some path from the start to an ending) as components in
/// topological order, computed once and shared by every figure.
struct Order<'s> {
    live: Vec<bool>,
    component_of: Vec<usize>,
    /// Components, first to last in topological order.
    components: Vec<Vec<usize>>,
    cyclic: Vec<bool>,
    start: Option<usize>,
    /// The live steps out of each node, worked out once for every figure.
    steps: Vec<Vec<(usize, Step<'s>)>>,
}

impl<'s> Order<'s> {
    fn new(graph: &Graph<'s>, live: &[bool], answer: &Answer) -> Self {
        let found = graph.components();
        let count = found.members.len();
        // Tarjan lists components in reverse topological order.
        let component_of = found.of.iter().map(|&c| count - 1 - c).collect();
        let mut components = found.members;
        components.reverse();
        let mut cyclic = found.cyclic;
        cyclic.reverse();
        let steps = (0..graph.len())
            .map(|v| live_steps(graph, live, answer, v))
            .collect();
        Order {
            live: live.to_vec(),
            component_of,
            components,
            cyclic,
            start: graph.start.filter(|&s| live[s]),
            steps,
        }
    }

    /// The least and greatest sum of `weight` over the steps of any path from the start to an
    /// ending, and (when no loop is live) the two paths that reach them. Inside a loop a path
    /// may go round as often as it likes: a loop with a step of non-zero weight makes the sum
    /// unbounded (saturated, which an item's cap then bounds) and not exact.
    fn bounds_with_paths(
        &self,
        graph: &Graph<'_>,
        weight: &dyn Fn(&Step<'_>) -> i64,
    ) -> (Bounds, Option<[Witness; 2]>) {
        const NONE: (i64, i64) = (i64::MAX, i64::MIN);
        let Some(start) = self.start else {
            return (Bounds::ZERO, None);
        };
        let mut best = vec![NONE; graph.len()];
        // How each node's least and greatest value was reached: (node, step index).
        let mut came_from: Vec<[Option<(usize, usize)>; 2]> = vec![[None, None]; graph.len()];
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
                    for &(to, ref step) in &self.steps[v] {
                        if self.component_of[to] == c {
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
                if graph.is_ending(v) {
                    if entry.0 < result.0 {
                        (result.0, ends[0]) = (entry.0, v);
                    }
                    if entry.1 > result.1 {
                        (result.1, ends[1]) = (entry.1, v);
                    }
                }
                for (k, &(to, ref step)) in self.steps[v].iter().enumerate() {
                    if self.component_of[to] != c {
                        let w = weight(step);
                        if entry.0.saturating_add(w) < best[to].0 {
                            best[to].0 = entry.0.saturating_add(w);
                            came_from[to][0] = Some((v, k));
                        }
                        if entry.1.saturating_add(w) > best[to].1 {
                            best[to].1 = entry.1.saturating_add(w);
                            came_from[to][1] = Some((v, k));
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

    /// The true score of a path for a group of items: each item's evidence summed, then held
    /// within the item's range, as the scorecard does.
    fn path_score(&self, path: &Witness, items: &[&(&rubric::Item, Bounds)]) -> i64 {
        let steps: Vec<&Step<'_>> = path
            .iter()
            .filter_map(|&(v, k)| self.steps.get(v)?.get(k).map(|(_, step)| step))
            .collect();
        items
            .iter()
            .map(|(item, _)| {
                let sum = steps.iter().map(|step| step.sum_for(item.id)).sum();
                scoring::item_points(item, sum)
            })
            .sum()
    }

    /// Counts distinct paths: two choices leading to the same node are two paths, and so are
    /// two problem areas chosen at a formulation.
    fn count_paths(&self, graph: &Graph<'_>) -> PathCount {
        let Some(start) = self.start else {
            return PathCount::Exactly(0);
        };
        if self
            .cyclic
            .iter()
            .enumerate()
            .any(|(c, &cyclic)| cyclic && self.components[c].iter().any(|&v| self.live[v]))
        {
            return PathCount::Unbounded;
        }
        let mut ways = vec![0u128; graph.len()];
        ways[start] = 1;
        let mut total = 0u128;
        let mut saturated = false;
        for members in &self.components {
            for &v in members {
                if graph.is_ending(v) {
                    total = total.checked_add(ways[v]).unwrap_or_else(|| {
                        saturated = true;
                        u128::MAX
                    });
                }
                for &(to, _) in &self.steps[v] {
                    ways[to] = ways[to].checked_add(ways[v]).unwrap_or_else(|| {
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

/// The live steps out of node `v`, with what each is made of. A formulation is one step per
/// problem area, since the trainee may choose any of the four.
fn live_steps<'s>(
    graph: &Graph<'s>,
    live: &[bool],
    answer: &Answer,
    v: usize,
) -> Vec<(usize, Step<'s>)> {
    let node = graph.places[v].node;
    let mut steps = Vec::new();
    for edge in &graph.edges[v] {
        let Some(to) = edge.to.filter(|&to| live[to]) else {
            continue;
        };
        match (node, edge.via) {
            (Node::Trainee(turn), Via::Choice(i)) => {
                steps.extend(turn.choices.get(i).map(|c| (to, Step::Choice(c))));
            }
            (Node::Formulation(_), _) => steps.extend(
                ProblemArea::ALL
                    .iter()
                    .map(|&area| (to, Step::Area(scoring::area_evidence(answer, area)))),
            ),
            _ => steps.push((to, Step::Plain)),
        }
    }
    steps
}
