//! The scenario format: what an instructor writes in RON, as plain Rust types.
//!
//! Every node, choice and client line has a stable id so that attempt records, feedback and
//! diagnostics can point at it. The field names are the ones authors type; see
//! `scenarios/README.md` for the annotated guide.

use serde::{Deserialize, Serialize};

/// One client scenario: a condensed course of IPT with one scripted client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id, used by attempt records and the `--scenario` flag.
    pub id: String,
    /// A short title for the library card, e.g. "A widower who stopped going out".
    pub title: String,
    pub client: Profile,
    /// The author's answer: which problem area the course is about, and the tempting wrong ones.
    pub answer: Answer,
    pub course: Course,
    /// Rapport and symptom score before the first session.
    #[serde(default)]
    pub initial: ClientState,
    /// The id of the node where the first session begins.
    pub start: String,
}

impl Scenario {
    /// Every node of every session, in file order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.course.sessions.iter().flat_map(|s| &s.nodes)
    }

    /// Every trainee turn, in file order.
    pub fn trainee_turns(&self) -> impl Iterator<Item = &TraineeTurn> {
        self.nodes().filter_map(|n| match n {
            Node::Trainee(turn) => Some(turn),
            _ => None,
        })
    }

    /// Every client turn, in file order.
    pub fn client_turns(&self) -> impl Iterator<Item = &ClientTurn> {
        self.nodes().filter_map(|n| match n {
            Node::Client(turn) => Some(turn),
            _ => None,
        })
    }
}

/// The first word of a name, as a transcript calls the client ("Ruth" for "Ruth Adeyemi").
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Who the client is, as the referral note presents them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub age: u8,
    /// Free text, so that authors describe the client in their own terms ("woman", "non-binary").
    #[serde(default)]
    pub gender: String,
    pub presenting_complaint: String,
    pub background: String,
    /// A portrait image, relative to the scenario file's folder.
    #[serde(default)]
    pub portrait: Option<String>,
    pub difficulty: Difficulty,
}

/// How hard the scenario is for a trainee, shown on the library card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difficulty {
    Introductory,
    Intermediate,
    Advanced,
}

/// The four IPT problem areas; a course centres on exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProblemArea {
    Grief,
    RoleDispute,
    RoleTransition,
    InterpersonalDeficits,
}

impl ProblemArea {
    /// Every area, in the order IPT manuals list them.
    pub const ALL: [ProblemArea; 4] = [
        ProblemArea::Grief,
        ProblemArea::RoleDispute,
        ProblemArea::RoleTransition,
        ProblemArea::InterpersonalDeficits,
    ];

    /// The name a clinician would use.
    pub fn label(self) -> &'static str {
        match self {
            ProblemArea::Grief => "grief",
            ProblemArea::RoleDispute => "role dispute",
            ProblemArea::RoleTransition => "role transition",
            ProblemArea::InterpersonalDeficits => "interpersonal deficits",
        }
    }
}

/// The intended problem area and the plausible wrong alternatives, with the reason each is wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The problem area; in a referral course, the one IPT would take up once the other care
    /// has done its work.
    pub problem_area: ProblemArea,
    /// Why this area is right, shown in the debrief.
    pub why: String,
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// Set when IPT is not the right treatment now (acute risk needing urgent care, mania or
    /// hypomania, psychosis, dependence driving the picture): why. The right move is then to
    /// refer, scored on `referral` in place of the problem area.
    #[serde(default)]
    pub refer: Option<String>,
}

impl Answer {
    /// Whether the course's right move is a referral rather than a course of IPT.
    pub fn is_referral(&self) -> bool {
        self.refer.is_some()
    }
}

/// A tempting but wrong problem area: choosing it earns partial credit, with this explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub area: ProblemArea,
    pub why_not: String,
}

/// The course as agreed with the client: the time limit and the sessions the scenario plays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// The agreed number of sessions (IPT usually contracts 12 to 16).
    pub time_limit: u8,
    /// The sessions played, in order; a condensed course skips the ones in between.
    pub sessions: Vec<Session>,
}

/// The three phases of IPT, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    Initial,
    Middle,
    Termination,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Initial => "initial",
            Phase::Middle => "middle",
            Phase::Termination => "termination",
        }
    }
}

/// One session of the course, holding the nodes played in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session's number in the whole course (1 to `time_limit`).
    pub number: u8,
    pub phase: Phase,
    #[serde(default)]
    pub title: String,
    pub nodes: Vec<Node>,
}

/// The highest rapport: rapport runs from 0 to this.
pub const RAPPORT_MAX: i32 = 100;

/// The highest symptom score: a PHQ-9-like score runs from 0 to this.
pub const SYMPTOMS_MAX: i32 = 27;

/// Rapport (0-100) and a PHQ-9-like symptom score (0-27).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientState {
    pub rapport: i32,
    pub symptoms: i32,
}

impl Default for ClientState {
    fn default() -> Self {
        ClientState {
            rapport: 50,
            symptoms: 18,
        }
    }
}

/// A step of the conversation graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// The client speaks: one variant is picked at random among those whose condition holds.
    Client(ClientTurn),
    /// The trainee chooses what to say.
    Trainee(TraineeTurn),
    /// The trainee commits to one problem area and ticks the statements that support it.
    Formulation(Formulation),
    /// Routes on state without anyone speaking, e.g. rapport too low leads to a drop-out.
    Branch(Branch),
    /// The course ends here.
    Ending(Ending),
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Client(n) => &n.id,
            Node::Trainee(n) => &n.id,
            Node::Formulation(n) => &n.id,
            Node::Branch(n) => &n.id,
            Node::Ending(n) => &n.id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientTurn {
    pub id: String,
    pub lines: Vec<Line>,
    pub next: String,
}

/// One way the client may say something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub id: String,
    pub text: String,
    /// How the client looks while saying it; the app's avatar follows it.
    #[serde(default)]
    pub affect: Affect,
    #[serde(default)]
    pub when: Option<Condition>,
    /// A person this line introduces into the interpersonal inventory.
    #[serde(default)]
    pub person: Option<Person>,
    /// The line is a risk cue or a disclosure of suicidal thoughts, which the trainee must
    /// answer in time (the engine applies the same rules in every scenario).
    #[serde(default)]
    pub risk: Option<Risk>,
    /// Who says it, when it is not the client: a parent at an adolescent's session, a partner
    /// at a joint one. Shown by this name; the client's face stays as it was.
    #[serde(default)]
    pub speaker: Option<String>,
}

/// What a client line tells about suicide risk, and what it calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Risk {
    /// Hopelessness, "no point", "better off without me", giving things away: the next reply
    /// must ask directly about suicidal thoughts.
    Cue,
    /// Thoughts of suicide or self-harm: the next reply must respond to it (ask or plan), and a
    /// safety plan must be made before the session ends.
    Disclosure,
}

impl Risk {
    pub fn label(self) -> &'static str {
        match self {
            Risk::Cue => "risk cue",
            Risk::Disclosure => "disclosure of suicidal thoughts",
        }
    }
}

/// The client's visible emotional state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Affect {
    #[default]
    Neutral,
    Sad,
    Tearful,
    Anxious,
    Angry,
    Withdrawn,
    Hopeful,
    Warm,
}

/// Someone in the client's life, placed by emotional closeness (1 closest to 3 most distant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub relation: String,
    pub closeness: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraineeTurn {
    pub id: String,
    /// What the trainee is asked to do here, e.g. "Respond to her self-blame."
    #[serde(default)]
    pub prompt: String,
    /// The id of the choice an expert IPT therapist would make, shown as feedback.
    #[serde(default)]
    pub expert: Option<String>,
    pub choices: Vec<Choice>,
}

/// One thing the trainee may say, and what it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
    /// Which rubric items this choice evidences and how.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Change in rapport.
    #[serde(default)]
    pub rapport: i32,
    /// Change in the symptom score, seen at the next session's measurement.
    #[serde(default)]
    pub symptoms: i32,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub unset: Vec<String>,
    /// Why this choice is or is not good IPT, shown as feedback.
    #[serde(default)]
    pub rationale: Option<String>,
    #[serde(default)]
    pub when: Option<Condition>,
    pub goto: String,
}

/// How a choice bears on one rubric item, named by its id (see the rubric in `scoring`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evidence {
    /// The item is fully done.
    Full(String),
    /// Done in part.
    Partial(String),
    /// The choice goes against the item (a proscribed technique, a missed risk, a wrong move).
    Against(String),
}

impl Evidence {
    pub fn item(&self) -> &str {
        match self {
            Evidence::Full(i) | Evidence::Partial(i) | Evidence::Against(i) => i,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formulation {
    pub id: String,
    #[serde(default)]
    pub prompt: String,
    /// Things the client said, for the trainee to tick as support for the chosen area.
    pub statements: Vec<Statement>,
    pub next: String,
}

impl Formulation {
    /// The ids of the statements that support `area`.
    pub fn supporting(&self, area: ProblemArea) -> Vec<String> {
        self.statements
            .iter()
            .filter(|s| s.supports.contains(&area))
            .map(|s| s.id.clone())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    pub text: String,
    /// The areas this statement is evidence for; empty for a distractor.
    #[serde(default)]
    pub supports: Vec<ProblemArea>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub id: String,
    pub cases: Vec<Case>,
    pub otherwise: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub when: Condition,
    pub goto: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub id: String,
    pub kind: EndingKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndingKind {
    /// The agreed course was completed.
    Completed,
    /// The client stopped coming.
    DropOut,
    /// The client was referred on (e.g. for risk or non-response).
    Referral,
}

/// A test on flags and state that shows or hides a line, a choice or a branch case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    Flag(String),
    NotFlag(String),
    RapportAtLeast(i32),
    RapportBelow(i32),
    SymptomsAtLeast(i32),
    SymptomsBelow(i32),
    /// The problem area the trainee chose at the formulation.
    Area(ProblemArea),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// The client's measurable state, as conditions see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Levels {
    pub rapport: i32,
    pub symptoms: i32,
    /// The problem area chosen at the formulation, once it has been.
    pub area: Option<ProblemArea>,
}

/// What a condition can ask about: the engine's live state, or a hypothetical one when the
/// validator asks whether a set of conditions can all be false.
pub trait Facts {
    fn flag(&self, name: &str) -> bool;
    fn levels(&self) -> Levels;
}

impl Condition {
    /// Whether the condition holds for these facts.
    pub fn holds(&self, facts: &impl Facts) -> bool {
        match self {
            Condition::Flag(name) => facts.flag(name),
            Condition::NotFlag(name) => !facts.flag(name),
            Condition::RapportAtLeast(n) => facts.levels().rapport >= *n,
            Condition::RapportBelow(n) => facts.levels().rapport < *n,
            Condition::SymptomsAtLeast(n) => facts.levels().symptoms >= *n,
            Condition::SymptomsBelow(n) => facts.levels().symptoms < *n,
            Condition::Area(area) => facts.levels().area == Some(*area),
            Condition::All(all) => all.iter().all(|c| c.holds(facts)),
            Condition::Any(any) => any.iter().any(|c| c.holds(facts)),
            Condition::Not(inner) => !inner.holds(facts),
        }
    }

    /// Calls `visit` on every leaf test (flag, threshold or area) inside the condition.
    pub fn for_each_leaf<'c>(&'c self, visit: &mut impl FnMut(&'c Condition)) {
        match self {
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|c| c.for_each_leaf(visit))
            }
            Condition::Not(inner) => inner.for_each_leaf(visit),
            leaf => visit(leaf),
        }
    }
}
