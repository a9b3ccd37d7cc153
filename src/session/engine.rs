//! The session engine: a state machine that runs a course of therapy over a loaded scenario.
//! Deterministic: the same scenario, seed and choices give the same transcript and score.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use serde::{Deserialize, Serialize};

use crate::scenario::model::{
    Affect, EndingKind, Evidence, Facts, Levels, Node, Person, Phase, ProblemArea, RAPPORT_MAX,
    Risk, SYMPTOMS_MAX, Scenario, first_name,
};
use crate::scoring::pass::RiskEvent;
use crate::scoring::rules::{self, Moment, Support};
use crate::scoring::{self, Earned, Scorecard, rubric};

/// Practice shows feedback after every choice; assessment holds it back until the debrief.
/// The engine produces feedback in both; the app decides what to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Mode {
    Practice,
    Assessment,
}

/// Something that happened, in order: what the transcript shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// A new session began, with the symptom score measured at its start.
    SessionStart {
        number: u8,
        phase: Phase,
        symptoms: i32,
    },
    /// The client said a line.
    Client {
        line: String,
        text: String,
        affect: Affect,
        person: Option<Person>,
        risk: Option<Risk>,
        /// Who said it, when not the client.
        #[serde(default)]
        speaker: Option<String>,
    },
    /// The trainee chose a choice (with what they first wrote, if anything).
    Trainee {
        choice: String,
        text: String,
        written: Option<String>,
    },
    /// The trainee formulated the case.
    Formulation {
        area: ProblemArea,
        ticked: Vec<String>,
    },
    /// The course ended.
    Ended { kind: EndingKind, text: String },
}

/// One answer the trainee gives: what an attempt record keeps for every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// A choice, with what the trainee first wrote in their own words (not scored).
    Choice { id: String, written: Option<String> },
    Formulation {
        area: ProblemArea,
        ticked: Vec<String>,
    },
}

/// What the engine waits for.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// Pick one of these choices (shown in this order).
    Choose {
        node: String,
        prompt: String,
        options: Vec<Offered>,
    },
    /// Choose a problem area and tick the statements that support it.
    Formulate {
        node: String,
        prompt: String,
        statements: Vec<Offered>,
    },
    /// The course is over.
    Ended { kind: EndingKind, text: String },
}

/// An option on offer: its id and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offered {
    pub id: String,
    pub text: String,
}

/// What a supervisor would say about a choice, available at once in practice mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub earned: Vec<Earned>,
    pub rationale: Option<String>,
    /// The expert alternative, when the trainee chose something else.
    pub expert: Option<String>,
}

/// Why the engine refused an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The answer does not fit what the engine is waiting for.
    NotOffered(String),
    /// The scenario has a fault that validation should have caught (e.g. no line can be said).
    Stuck(String),
    Finished,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::NotOffered(what) => write!(f, "not on offer here: {what}"),
            EngineError::Stuck(why) => write!(f, "the scenario cannot go on: {why}"),
            EngineError::Finished => write!(f, "the course has ended"),
        }
    }
}

impl std::error::Error for EngineError {}

/// The hidden state of the client and the course.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub rapport: i32,
    /// The symptom score as of now; the trainee sees it measured at each session start.
    pub symptoms: i32,
    pub flags: BTreeSet<String>,
    pub area: Option<ProblemArea>,
    /// Index into `course.sessions` of the current session, once one has begun.
    pub session: Option<usize>,
}

impl Facts for State {
    fn flag(&self, name: &str) -> bool {
        self.flags.contains(name)
    }
    fn levels(&self) -> Levels {
        Levels {
            rapport: self.rapport,
            symptoms: self.symptoms,
            area: self.area,
        }
    }
}

/// A course in progress. It owns (a share of) its scenario, so that it can live as long as the
/// caller needs: in a Bevy resource, across screens.
pub struct Engine {
    scenario: Arc<Scenario>,
    /// Every node by id: (index of its session, index in that session's nodes).
    nodes: HashMap<String, Place>,
    /// rand's standard generator: Cargo.lock pins its algorithm, and `replay` notices if an
    /// upgrade ever changes what a seed gives.
    rng: StdRng,
    current: Place,
    pub state: State,
    pub transcript: Vec<Event>,
    /// The feedback on every answer, beside the index of its event in the transcript: what
    /// the debrief annotates the transcript with. The evidence earned is kept here only.
    pub feedback: Vec<(usize, Feedback)>,
    prompt: Prompt,
    /// Every risk cue and disclosure so far, with how each was answered.
    pub risks: Vec<RiskEvent>,
    /// Marks the risk rule added while the engine moved on after an answer (a session that
    /// ended with a cue or disclosure unanswered), until they join that answer's feedback.
    closed: Vec<Earned>,
}

/// Follows automatic steps (client lines, branches) at most this many times in a row before
/// deciding the scenario loops without the trainee: validation catches such loops, this keeps a
/// scenario that slipped past from hanging the app.
const MAX_AUTOMATIC_STEPS: usize = 10_000;

/// Where a node sits: (index of its session, index in that session's nodes).
type Place = (usize, usize);

/// The node at a place.
fn node_at(scenario: &Scenario, (session, position): Place) -> Result<&Node, EngineError> {
    scenario
        .course
        .sessions
        .get(session)
        .and_then(|s| s.nodes.get(position))
        .ok_or_else(|| {
            EngineError::Stuck(format!("no node at session {session}, position {position}"))
        })
}

impl Engine {
    /// Starts a course. The scenario must have passed validation.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Result<Self, EngineError> {
        let mut nodes = HashMap::new();
        for (i, session) in scenario.course.sessions.iter().enumerate() {
            for (j, node) in session.nodes.iter().enumerate() {
                nodes.entry(node.id().to_owned()).or_insert((i, j));
            }
        }
        let current = *nodes
            .get(scenario.start.as_str())
            .ok_or_else(|| EngineError::Stuck(format!("no start node `{}`", scenario.start)))?;
        let initial = scenario.initial;
        let mut engine = Engine {
            scenario,
            nodes,
            rng: StdRng::seed_from_u64(seed),
            current,
            state: State {
                rapport: initial.rapport,
                symptoms: initial.symptoms,
                flags: BTreeSet::new(),
                area: None,
                session: None,
            },
            transcript: Vec::new(),
            feedback: Vec::new(),
            prompt: Prompt::Ended {
                kind: EndingKind::Completed,
                text: String::new(),
            },
            risks: Vec::new(),
            closed: Vec::new(),
        };
        engine.run_to_prompt()?;
        Ok(engine)
    }

    /// The scenario, shared (reports and reviews replay it).
    pub fn scenario_arc(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The node the engine stands at: the one its prompt comes from.
    pub fn current_node(&self) -> Option<&Node> {
        node_at(&self.scenario, self.current).ok()
    }

    /// What the engine waits for now.
    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.prompt, Prompt::Ended { .. })
    }

    /// The current session's number and phase, once the course has begun.
    pub fn session(&self) -> Option<(u8, Phase)> {
        let session = self.scenario.course.sessions.get(self.state.session?)?;
        Some((session.number, session.phase))
    }

    /// Every piece of evidence earned so far, in order.
    pub fn earned(&self) -> impl Iterator<Item = &Earned> {
        self.feedback
            .iter()
            .flat_map(|(_, f)| &f.earned)
            .chain(&self.closed)
    }

    /// The scorecard for everything so far.
    pub fn scorecard(&self) -> Scorecard {
        let earned: Vec<Earned> = self.earned().cloned().collect();
        scoring::scorecard(&self.scenario, &earned, &self.risks)
    }

    /// Moves to node `id`, entering its session if it is a new one.
    fn enter(&mut self, id: &str) -> Result<(), EngineError> {
        let place = *self
            .nodes
            .get(id)
            .ok_or_else(|| EngineError::Stuck(format!("jump to unknown node `{id}`")))?;
        let session = place.0;
        if self.state.session != Some(session) {
            self.close_risks();
            self.state.session = Some(session);
            self.state.symptoms = self.state.symptoms.clamp(0, SYMPTOMS_MAX);
            if let Some(s) = self.scenario.course.sessions.get(session) {
                self.transcript.push(Event::SessionStart {
                    number: s.number,
                    phase: s.phase,
                    symptoms: self.state.symptoms,
                });
            }
        }
        self.current = place;
        Ok(())
    }

    /// Plays client lines and branches until the trainee has something to do.
    fn run_to_prompt(&mut self) -> Result<(), EngineError> {
        // A share of the scenario of our own, so that its nodes can be read while `self` changes.
        let scenario = Arc::clone(&self.scenario);
        let start = node_at(&scenario, self.current)?.id();
        self.enter(start)?;
        for _ in 0..MAX_AUTOMATIC_STEPS {
            match node_at(&scenario, self.current)? {
                Node::Client(turn) => {
                    let allowed: Vec<_> = turn
                        .lines
                        .iter()
                        .filter(|l| l.when.as_ref().is_none_or(|c| c.holds(&self.state)))
                        .collect();
                    let line = allowed.choose(&mut self.rng).ok_or_else(|| {
                        EngineError::Stuck(format!("no line of `{}` can be said", turn.id))
                    })?;
                    if let Some(risk) = line.risk {
                        let session = self.session_facts().0;
                        self.risks.push(RiskEvent {
                            risk,
                            line: line.id.clone(),
                            text: line.text.clone(),
                            session,
                            asked: None,
                            planned: None,
                        });
                    }
                    self.transcript.push(Event::Client {
                        line: line.id.clone(),
                        text: line.text.clone(),
                        affect: line.affect,
                        person: line.person.clone(),
                        risk: line.risk,
                        speaker: line.speaker.clone(),
                    });
                    self.enter(&turn.next)?;
                }
                Node::Branch(branch) => {
                    let target = branch
                        .cases
                        .iter()
                        .find(|case| case.when.holds(&self.state))
                        .map_or(&branch.otherwise, |case| &case.goto);
                    self.enter(target)?;
                }
                Node::Trainee(turn) => {
                    let mut options: Vec<Offered> = turn
                        .choices
                        .iter()
                        .filter(|c| c.when.as_ref().is_none_or(|w| w.holds(&self.state)))
                        .map(|c| Offered {
                            id: c.id.clone(),
                            text: c.text.clone(),
                        })
                        .collect();
                    if options.is_empty() {
                        return Err(EngineError::Stuck(format!(
                            "no choice of `{}` is open",
                            turn.id
                        )));
                    }
                    // The expert option must not always come first.
                    options.shuffle(&mut self.rng);
                    self.prompt = Prompt::Choose {
                        node: turn.id.clone(),
                        prompt: turn.prompt.clone(),
                        options,
                    };
                    return Ok(());
                }
                Node::Formulation(f) => {
                    let mut statements: Vec<Offered> = f
                        .statements
                        .iter()
                        .map(|s| Offered {
                            id: s.id.clone(),
                            text: s.text.clone(),
                        })
                        .collect();
                    statements.shuffle(&mut self.rng);
                    self.prompt = Prompt::Formulate {
                        node: f.id.clone(),
                        prompt: f.prompt.clone(),
                        statements,
                    };
                    return Ok(());
                }
                Node::Ending(ending) => {
                    self.close_risks();
                    self.transcript.push(Event::Ended {
                        kind: ending.kind,
                        text: ending.text.clone(),
                    });
                    self.prompt = Prompt::Ended {
                        kind: ending.kind,
                        text: ending.text.clone(),
                    };
                    return Ok(());
                }
            }
        }
        Err(EngineError::Stuck(format!(
            "more than {MAX_AUTOMATIC_STEPS} automatic steps from `{start}` without the trainee"
        )))
    }

    fn session_facts(&self) -> (u8, Phase) {
        self.session().unwrap_or((1, Phase::Initial))
    }

    /// Applies one answer: a choice or a formulation.
    pub fn answer(&mut self, answer: &Answer) -> Result<Feedback, EngineError> {
        match answer {
            Answer::Choice { id, written } => self.choose(id, written.clone()),
            Answer::Formulation { area, ticked } => self.formulate(*area, ticked),
        }
    }

    /// What an expert would answer to the current prompt: the author's expert choice (or, if
    /// it is not on offer, the open choice worth most), or the right problem area with every
    /// statement that supports it. The app opens at a point of a course with it, and `audit`
    /// plays the expert's path and formulation with it.
    pub fn expert_answer(&self) -> Option<Answer> {
        match (&self.prompt, self.current_node()) {
            (Prompt::Choose { options, .. }, Some(Node::Trainee(turn))) => {
                let offered = |id: &str| options.iter().any(|o| o.id == id);
                let worth = |id: &str| {
                    turn.choices
                        .iter()
                        .find(|c| c.id == id)
                        .map_or(i64::MIN, |c| c.evidence.iter().map(scoring::points).sum())
                };
                let id = turn.expert.clone().filter(|e| offered(e)).or_else(|| {
                    options
                        .iter()
                        .max_by_key(|o| worth(&o.id))
                        .map(|o| o.id.clone())
                })?;
                Some(Answer::Choice { id, written: None })
            }
            (Prompt::Formulate { .. }, Some(Node::Formulation(f))) => {
                let area = self.scenario.answer.problem_area;
                Some(Answer::Formulation {
                    area,
                    ticked: f.supporting(area),
                })
            }
            _ => None,
        }
    }

    /// The trainee picks a choice, optionally with the text they first wrote.
    pub fn choose(
        &mut self,
        choice_id: &str,
        written: Option<String>,
    ) -> Result<Feedback, EngineError> {
        let Prompt::Choose { options, .. } = &self.prompt else {
            return Err(self.refusal(choice_id));
        };
        let scenario = Arc::clone(&self.scenario);
        let Ok(Node::Trainee(turn)) = node_at(&scenario, self.current) else {
            return Err(self.refusal(choice_id));
        };
        if !options.iter().any(|o| o.id == choice_id) {
            return Err(EngineError::NotOffered(format!("choice `{choice_id}`")));
        }
        let choice = turn
            .choices
            .iter()
            .find(|c| c.id == choice_id)
            .ok_or_else(|| EngineError::NotOffered(format!("choice `{choice_id}`")))?;
        let (session, phase) = self.session_facts();
        let expert = turn
            .expert
            .as_ref()
            .filter(|e| *e != &choice.id)
            .and_then(|e| turn.choices.iter().find(|c| &c.id == e))
            .map(|c| c.text.clone());
        let moment = Moment {
            phase,
            session,
            time_limit: self.scenario.course.time_limit,
            on_right_area: self.on_right_area(),
        };
        let earned_by = |evidence: Evidence, counts: bool, rule: Option<&str>, why: &str| Earned {
            evidence,
            by: choice.id.clone(),
            session,
            rationale: Some(why.to_owned()),
            expert: expert.clone(),
            rule: rule.map(str::to_owned),
            counts,
        };
        let why = choice.rationale.as_deref().unwrap_or_default();
        let mut earned: Vec<Earned> = choice
            .evidence
            .iter()
            .map(|e| {
                let ruled = rules::rule(e, moment);
                earned_by(ruled.evidence, ruled.counts, ruled.rule, why)
            })
            .collect();
        if self.risks.iter().any(|r| r.asked.is_none()) {
            let responded = rules::responds_to_risk(&choice.evidence);
            for risk in self.risks.iter_mut().filter(|r| r.asked.is_none()) {
                risk.asked = Some(responded);
            }
            if !responded && !rules::already_marked_down(&choice.evidence) {
                earned.push(earned_by(
                    Evidence::Against(rubric::RISK_ASKED.to_owned()),
                    true,
                    Some(rules::RISK_RULE),
                    rules::CUE_UNASKED,
                ));
            }
        }
        if rules::makes_plan(&choice.evidence) {
            for risk in self.risks.iter_mut().filter(|r| r.planned.is_none()) {
                if risk.risk == Risk::Disclosure {
                    risk.planned = Some(true);
                }
            }
        }
        let symptoms = rules::symptom_change(choice.symptoms, moment.on_right_area);
        // `check` bounds every change by its scale; saturating keeps even an unchecked scenario
        // from overflowing in any build.
        self.state.rapport = self
            .state
            .rapport
            .saturating_add(choice.rapport)
            .clamp(0, RAPPORT_MAX);
        self.state.symptoms = self
            .state
            .symptoms
            .saturating_add(symptoms)
            .clamp(0, SYMPTOMS_MAX);
        for flag in &choice.set {
            self.state.flags.insert(flag.clone());
        }
        for flag in &choice.unset {
            self.state.flags.remove(flag);
        }
        self.transcript.push(Event::Trainee {
            choice: choice.id.clone(),
            text: choice.text.clone(),
            written,
        });
        let feedback = Feedback {
            earned,
            rationale: choice.rationale.clone(),
            expert,
        };
        self.go_on(feedback, &choice.goto)
    }

    /// The trainee commits to a problem area and ticks the statements that support it.
    pub fn formulate(
        &mut self,
        area: ProblemArea,
        ticked: &[String],
    ) -> Result<Feedback, EngineError> {
        let scenario = Arc::clone(&self.scenario);
        let Ok(Node::Formulation(f)) = node_at(&scenario, self.current) else {
            return Err(self.refusal(area.label()));
        };
        if let Some(unknown) = ticked
            .iter()
            .find(|t| !f.statements.iter().any(|s| &s.id == *t))
        {
            return Err(EngineError::NotOffered(format!("statement `{unknown}`")));
        }
        let (session, _) = self.session_facts();
        let answer = &scenario.answer;
        let support = Support::of(&f.statements, area, ticked);
        let before = self.state.area;
        let evidence =
            rules::formulation_evidence(answer.problem_area, before, area, support.is_sound());
        let right = area == answer.problem_area;
        let why_area = if right {
            answer.why.clone()
        } else {
            answer
                .alternatives
                .iter()
                .find(|a| a.area == area)
                .map_or_else(|| answer.why.clone(), |a| a.why_not.clone())
        };
        let rationale = match before {
            Some(earlier) if earlier == area => {
                format!("You kept {} as the problem area. {why_area}", area.label())
            }
            Some(earlier) if right => format!(
                "Reformulating from {} to {} recovers part of the credit; the first \
                 formulation still counts against it. {why_area}",
                earlier.label(),
                area.label()
            ),
            Some(earlier) => format!(
                "Moving from {} to {} takes the course to a wrong problem area. {why_area}",
                earlier.label(),
                area.label()
            ),
            None if right && !support.is_sound() => format!(
                "{why_area} The area is right, but the statements ticked do not make the case: \
                 you ticked {} of the {} that support it and {} that do not. Tick what supports \
                 the area, and only that.",
                support.ticked, support.supporting, support.stray
            ),
            None => why_area,
        };
        let expert = (!right || !support.is_sound()).then(|| {
            let because: Vec<String> = f
                .statements
                .iter()
                .filter(|s| s.supports.contains(&answer.problem_area))
                .map(|s| format!("\"{}\"", s.text))
                .collect();
            format!(
                "The problem area is {}, because: {}",
                answer.problem_area.label(),
                because.join("; ")
            )
        });
        let earned: Vec<Earned> = evidence
            .into_iter()
            .map(|evidence| Earned {
                evidence,
                by: f.id.clone(),
                session,
                rationale: Some(rationale.clone()),
                expert: expert.clone(),
                rule: None,
                counts: true,
            })
            .collect();
        self.state.area = Some(area);
        self.transcript.push(Event::Formulation {
            area,
            ticked: ticked.to_vec(),
        });
        let feedback = Feedback {
            expert,
            earned,
            rationale: Some(rationale),
        };
        self.go_on(feedback, &f.next)
    }

    /// Whether the area formulated so far is the scenario's answer; `None` before any.
    fn on_right_area(&self) -> Option<bool> {
        self.state
            .area
            .map(|area| area == self.scenario.answer.problem_area)
    }

    /// Closes the risk cues and disclosures still waiting when their session (or the course)
    /// ends: a cue no reply asked about, a disclosure with no safety plan. The risk rule marks
    /// each against, the same in every scenario.
    fn close_risks(&mut self) {
        let client = first_name(&self.scenario.client.name).to_owned();
        let mut marks = Vec::new();
        for risk in &mut self.risks {
            let mark = |item: &str, why: &str| Earned {
                evidence: Evidence::Against(item.to_owned()),
                by: risk.line.clone(),
                session: risk.session,
                rationale: Some(format!(
                    "{client} said \u{201c}{}\u{201d}. {why}",
                    risk.text
                )),
                expert: None,
                rule: Some(rules::RISK_RULE.to_owned()),
                counts: true,
            };
            if risk.asked.is_none() {
                risk.asked = Some(false);
                marks.push(mark(rubric::RISK_ASKED, rules::SESSION_ENDED_UNASKED));
            }
            if risk.risk == Risk::Disclosure && risk.planned.is_none() {
                risk.planned = Some(false);
                marks.push(mark(rubric::RISK_PLAN, rules::NO_PLAN));
            }
        }
        self.closed.extend(marks);
    }

    /// After an answer, whose event was the last pushed: moves to `next` and on to the next
    /// prompt, then keeps the answer's feedback (with any mark the risk rule added on the way)
    /// beside its event for the debrief.
    fn go_on(&mut self, mut feedback: Feedback, next: &str) -> Result<Feedback, EngineError> {
        let event = self.transcript.len().saturating_sub(1);
        self.enter(next)?;
        self.run_to_prompt()?;
        feedback.earned.append(&mut self.closed);
        self.feedback.push((event, feedback.clone()));
        Ok(feedback)
    }

    fn refusal(&self, what: &str) -> EngineError {
        match self.prompt {
            Prompt::Ended { .. } => EngineError::Finished,
            _ => EngineError::NotOffered(what.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app keeps a course in progress in a Bevy resource, which must be `Send + Sync`.
    #[test]
    fn an_engine_can_live_in_a_resource() {
        fn resource_ready<T: Send + Sync + 'static>() {}
        resource_ready::<Engine>();
    }
}
