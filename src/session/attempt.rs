//! An attempt in progress: the engine, its record, and the folder the record is saved in.
//! `play` and the app both answer through it, so every answer is timed, recorded and saved
//! (atomically, after every step) the same way.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::engine::{Engine, EngineError, Feedback, Mode, Prompt};
use super::record::{Answer, AttemptRecord, Step, now_ms};
use super::store;
use crate::scenario::model::Scenario;

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
        let feedback = self.engine.answer(&answer)?;
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
                .engine
                .expert_answer()
                .ok_or_else(|| format!("no expert answer at `{here}`"))?;
            self.answer(answer).map_err(|e| e.to_string())?;
        }
    }
}
