//! An attempt in progress: the engine, its record, and the folder the record is saved in.
//! `play` and the app both answer through it, so every answer is timed, recorded and saved
//! (atomically, after every step) the same way.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::engine::{Engine, EngineError, Feedback, Mode, Prompt};
use super::record::{Answer, AttemptRecord, Step, now_ms};
use super::store;
use crate::scenario::model::{Node, Scenario};
use crate::scoring;

pub struct Attempt {
    pub engine: Engine,
    pub record: AttemptRecord,
    /// Where the record is saved after every step; `None` keeps it in memory only.
    data: Option<PathBuf>,
    /// When the current prompt was put to the trainee, to time the answer.
    asked: Instant,
    /// Why the last save failed, if it did. The course goes on (it matters more than the
    /// file), and the caller tells the trainee.
    pub unsaved: Option<String>,
    /// Where the record was last saved.
    pub saved_at: Option<PathBuf>,
}

impl Attempt {
    /// Starts a new attempt. Nothing is written until the first answer.
    pub fn start(
        scenario: Arc<Scenario>,
        seed: u64,
        mode: Mode,
        data: Option<PathBuf>,
    ) -> Result<Self, EngineError> {
        let record = AttemptRecord::start(&scenario, seed, mode);
        let engine = Engine::new(scenario, seed)?;
        Ok(Self::new(engine, record, data))
    }

    /// Continues a saved attempt: replays its answers on the scenario as it is now.
    pub fn resume(
        scenario: Arc<Scenario>,
        record: AttemptRecord,
        data: Option<PathBuf>,
    ) -> Result<Self, String> {
        let (engine, failed) = record.replay(scenario).map_err(|e| e.to_string())?;
        if let Some((i, error)) = failed {
            return Err(format!(
                "the saved attempt no longer fits the scenario at step {}: {error}",
                i + 1
            ));
        }
        Ok(Self::new(engine, record, data))
    }

    fn new(engine: Engine, record: AttemptRecord, data: Option<PathBuf>) -> Self {
        Attempt {
            engine,
            record,
            data,
            asked: Instant::now(),
            unsaved: None,
            saved_at: None,
        }
    }

    pub fn mode(&self) -> Mode {
        self.record.mode
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data.as_deref()
    }

    /// Gives one answer: applies it, records it with its timing and saves the record; at the
    /// end of the course the record also gets its scorecard and is marked finished.
    pub fn answer(&mut self, answer: Answer) -> Result<Feedback, EngineError> {
        let feedback = AttemptRecord::apply(&mut self.engine, &answer)?;
        self.record.steps.push(Step {
            at_ms: now_ms(),
            took_ms: u64::try_from(self.asked.elapsed().as_millis()).unwrap_or(u64::MAX),
            answer,
        });
        if self.engine.is_finished() {
            self.record.finished = true;
            self.record.scorecard = Some(self.engine.scorecard());
        }
        self.save();
        self.asked = Instant::now();
        Ok(feedback)
    }

    /// Saves the record now (it is saved after every answer anyway).
    pub fn save(&mut self) {
        let Some(data) = &self.data else { return };
        match store::save(data, &self.record) {
            Ok(path) => {
                self.saved_at = Some(path);
                self.unsaved = None;
            }
            Err(error) => {
                self.unsaved = Some(format!(
                    "could not save the attempt in `{}`: {error}",
                    data.display()
                ));
            }
        }
    }

    /// What an expert would answer to the current prompt: the author's expert choice (or, if
    /// it is not on offer, the open choice worth most), or the right problem area with every
    /// statement that supports it. Used to open the app at a given point of a course.
    pub fn expert_answer(&self) -> Option<Answer> {
        let scenario = self.engine.scenario();
        match (self.engine.prompt(), self.engine.current_node()) {
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
                let area = scenario.answer.problem_area;
                let ticked = f
                    .statements
                    .iter()
                    .filter(|s| s.supports.contains(&area))
                    .map(|s| s.id.clone())
                    .collect();
                Some(Answer::Formulation { area, ticked })
            }
            _ => None,
        }
    }

    /// Plays expert answers until the course waits at node `id` (a trainee turn or a
    /// formulation), or to the end when `id` is `end`.
    pub fn expert_until(&mut self, id: &str) -> Result<(), String> {
        loop {
            let here = match self.engine.prompt() {
                Prompt::Choose { node, .. } | Prompt::Formulate { node, .. } => node.as_str(),
                Prompt::Ended { .. } if id == "end" => return Ok(()),
                Prompt::Ended { .. } => {
                    return Err(format!(
                        "the expert path never waits at `{id}`: give a trainee turn or \
                         formulation on it, or `end`"
                    ));
                }
            };
            if here == id {
                return Ok(());
            }
            let answer = self
                .expert_answer()
                .ok_or_else(|| format!("no expert answer at `{here}`"))?;
            self.answer(answer).map_err(|e| e.to_string())?;
        }
    }
}
