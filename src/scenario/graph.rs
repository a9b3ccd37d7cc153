//! The conversation graph of a scenario: nodes in file order, their successors, and the
//! linear-time graph facts (reachability, strongly connected components) that validation and
//! analysis share.

use std::collections::HashMap;

use super::model::{Node, Scenario};
use super::source_map::DataPath;

/// A node with where it sits in the file.
#[derive(Debug, Clone, Copy)]
pub struct Place<'s> {
    pub node: &'s Node,
    /// Index into `course.sessions`.
    pub session: usize,
    /// Index into that session's `nodes`.
    pub position: usize,
}

impl Place<'_> {
    /// The serde path of the node: `course.sessions[1].nodes[4]`.
    pub fn path(&self) -> DataPath {
        DataPath::root()
            .field("course")
            .field("sessions")
            .index(self.session)
            .field("nodes")
            .index(self.position)
    }
}

/// A way on from a node: the target (if it exists) and what leads there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub to: Option<usize>,
    pub via: Via,
}

/// What a step from one node to the next is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `next` of a client turn or formulation.
    Next,
    /// The choice with this index.
    Choice(usize),
    /// The branch case with this index.
    Case(usize),
    /// A branch's `otherwise`.
    Otherwise,
}

impl Via {
    /// The serde path of the field that names the target, under the node's path.
    pub fn path(self, node: &DataPath) -> DataPath {
        match self {
            Via::Next => node.field("next"),
            Via::Choice(i) => node.field("choices").index(i).field("goto"),
            Via::Case(i) => node.field("cases").index(i).field("goto"),
            Via::Otherwise => node.field("otherwise"),
        }
    }
}

/// The graph over every node of every session.
#[derive(Debug)]
pub struct Graph<'s> {
    pub places: Vec<Place<'s>>,
    /// The first node with each id (duplicates are a validation error).
    pub index: HashMap<&'s str, usize>,
    pub edges: Vec<Vec<Edge>>,
    pub start: Option<usize>,
}

impl<'s> Graph<'s> {
    pub fn new(scenario: &'s Scenario) -> Self {
        let places: Vec<Place<'s>> = scenario
            .course
            .sessions
            .iter()
            .enumerate()
            .flat_map(|(session, s)| {
                s.nodes
                    .iter()
                    .enumerate()
                    .map(move |(position, node)| Place {
                        node,
                        session,
                        position,
                    })
            })
            .collect();
        let mut index = HashMap::with_capacity(places.len());
        for (i, place) in places.iter().enumerate() {
            index.entry(place.node.id()).or_insert(i);
        }
        let edges = places
            .iter()
            .map(|place| {
                targets(place.node)
                    .map(|(target, via)| Edge {
                        to: index.get(target).copied(),
                        via,
                    })
                    .collect()
            })
            .collect();
        let start = index.get(scenario.start.as_str()).copied();
        Graph {
            places,
            index,
            edges,
            start,
        }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The existing successors of node `i`.
    pub fn successors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.edges[i].iter().filter_map(|edge| edge.to)
    }

    pub fn is_ending(&self, i: usize) -> bool {
        matches!(self.places[i].node, Node::Ending(_))
    }

    /// Which nodes a walk from the start can reach, ignoring conditions (so that content gated
    /// on state is not mistaken for dead content).
    pub fn reachable_from_start(&self) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        let mut stack: Vec<usize> = self.start.into_iter().collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(self.successors(i).filter(|&j| !seen[j]));
            }
        }
        seen
    }

    /// Which nodes can reach an ending, by a backward walk from every ending.
    pub fn reaches_ending(&self) -> Vec<bool> {
        let mut predecessors = vec![Vec::new(); self.len()];
        for i in 0..self.len() {
            for j in self.successors(i) {
                predecessors[j].push(i);
            }
        }
        let mut seen = vec![false; self.len()];
        let mut stack: Vec<usize> = (0..self.len()).filter(|&i| self.is_ending(i)).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(predecessors[i].iter().copied().filter(|&j| !seen[j]));
            }
        }
        seen
    }

    /// Strongly connected components of the graph (see [`components`]).
    pub fn components(&self) -> Components {
        let successors: Vec<Vec<usize>> = (0..self.len())
            .map(|i| self.successors(i).collect())
            .collect();
        components(&successors)
    }
}

/// Strongly connected components of any graph given as successor lists (iterative Tarjan, so
/// deep graphs cannot overflow the stack). Components come out in reverse topological order:
/// every edge leaving a component points to one listed earlier.
pub fn components(successors: &[Vec<usize>]) -> Components {
    const UNSEEN: usize = usize::MAX;
    let n = successors.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut of = vec![0; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // Each frame: the node and how many of its successors are done.
        let mut frames = vec![(root, 0usize)];
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = frames.last_mut() {
            if let Some(&w) = successors[v].get(*next) {
                *next += 1;
                if order[w] == UNSEEN {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                let id = members.len();
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    of[w] = id;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                members.push(component);
            }
        }
    }
    let cyclic = members
        .iter()
        .map(|m| m.len() > 1 || m.iter().any(|&v| successors[v].contains(&v)))
        .collect();
    Components {
        of,
        members,
        cyclic,
    }
}

/// The strongly connected components of a graph.
#[derive(Debug)]
pub struct Components {
    /// The component of each node.
    pub of: Vec<usize>,
    /// The nodes of each component, components in reverse topological order.
    pub members: Vec<Vec<usize>>,
    /// Whether a component holds a cycle (several nodes, or one with an edge to itself).
    pub cyclic: Vec<bool>,
}

/// The ids a node jumps to, with what names each.
fn targets(node: &Node) -> Box<dyn Iterator<Item = (&str, Via)> + '_> {
    match node {
        Node::Client(turn) => Box::new(std::iter::once((turn.next.as_str(), Via::Next))),
        Node::Formulation(f) => Box::new(std::iter::once((f.next.as_str(), Via::Next))),
        Node::Trainee(turn) => Box::new(
            turn.choices
                .iter()
                .enumerate()
                .map(|(i, c)| (c.goto.as_str(), Via::Choice(i))),
        ),
        Node::Branch(branch) => Box::new(
            branch
                .cases
                .iter()
                .enumerate()
                .map(|(i, c)| (c.goto.as_str(), Via::Case(i)))
                .chain(std::iter::once((branch.otherwise.as_str(), Via::Otherwise))),
        ),
        Node::Ending(_) => Box::new(std::iter::empty()),
    }
}
