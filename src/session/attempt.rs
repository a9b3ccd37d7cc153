//! An attempt in progress: the engine, its record, and the folder the record is saved in.
//! `play` and the app both answer through it, so every answer is timed, recorded and saved
//! (atomically, after every step) the same way, and only one window or terminal at a time can
//! have an attempt open (it holds the attempt's lock while it is open).

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
    /// Whether the record's file exists yet: its first save must create it, never replace
    /// another attempt's.
    on_disk: bool,
    /// This attempt's lock, held while it is open: from the resume, or from a new attempt's
    /// first save (`None` while nothing is saved).
    lock: Option<store::Lock>,
}

/// The engine after every answer of a record, or why the record no longer fits the scenario.
fn replayed(scenario: Arc<Scenario>, record: &AttemptRecord) -> Result<Engine, String> {
    let (engine, failed) = record.replay(scenario).map_err(|e| e.to_string())?;
    match failed {
        Some((i, error)) => Err(format!(
            "the saved attempt no longer fits the scenario at step {}: {error}",
            i + 1
        )),
        None => Ok(engine),
    }
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
        if let Some(data) = &data {
            store::sweep(data);
        }
        // No one else can open an attempt before its first save: its lock is taken then.
        Ok(Self::new(engine, record, data, None, false))
    }

    /// Continues a saved attempt: takes its lock (refusing if another window or terminal has
    /// it open), then replays its answers on the scenario as it is now.
    pub fn resume(
        scenario: Arc<Scenario>,
        record: AttemptRecord,
        data: Option<PathBuf>,
    ) -> Result<Self, String> {
        if record.finished {
            return Err("a finished attempt is kept as it is and cannot be resumed".into());
        }
        let lock = match data.as_deref() {
            Some(d) => {
                store::sweep(d);
                Some(store::lock(d, &record.id).map_err(|e| e.to_string())?)
            }
            None => None,
        };
        let engine = replayed(scenario, &record)?;
        Ok(Self::new(engine, record, data, lock, true))
    }

    /// Opens a saved attempt to look at (its debrief), finished or not: replayed from its
    /// record, never saved again, and without its lock, so that it can be reviewed while it is
    /// open elsewhere. `path` is where the record is kept, shown to the supervisor.
    pub fn review(
        scenario: Arc<Scenario>,
        record: AttemptRecord,
        path: Option<PathBuf>,
    ) -> Result<Self, String> {
        let engine = replayed(scenario, &record)?;
        let mut attempt = Self::new(engine, record, None, None, true);
        attempt.saved_at = path;
        Ok(attempt)
    }

    fn new(
        engine: Engine,
        record: AttemptRecord,
        data: Option<PathBuf>,
        lock: Option<store::Lock>,
        on_disk: bool,
    ) -> Self {
        Attempt {
            engine,
            record,
            data,
            asked: Instant::now(),
            unsaved: None,
            saved_at: None,
            on_disk,
            lock,
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
        let locked = match &self.lock {
            Some(_) => Ok(()),
            None => store::lock(data, &self.record.id).map(|lock| self.lock = Some(lock)),
        };
        match locked.and_then(|()| store::save(data, &self.record, !self.on_disk)) {
            Ok(path) => {
                self.saved_at = Some(path);
                self.unsaved = None;
                self.on_disk = true;
                if self.record.finished
                    && let Some(lock) = self.lock.take()
                {
                    lock.release_finished();
                }
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
