//! Attempt records: one RON file per attempt, enough to replay it exactly (scenario id and
//! content hash, seed, mode, every answer with its time) plus the scorecard it earned.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use super::engine::Answer;
use super::engine::{Engine, EngineError, Mode};
use crate::scenario::model::Scenario;
use crate::scoring::{self, Scorecard};

/// The record format's version, for reading old files after the format changes.
pub const FORMAT: u32 = 1;

/// One attempt at a scenario, finished or in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptRecord {
    pub format: u32,
    /// Unique: the scenario id, the start time and a random part (two attempts started in the
    /// same millisecond, by two processes, still differ). The record's file is named after it.
    pub id: String,
    pub scenario: String,
    /// A hash of the scenario's content, so that a replay can tell that it changed.
    pub scenario_hash: String,
    pub seed: u64,
    pub mode: Mode,
    /// Unix time in milliseconds.
    pub started_ms: u64,
    pub steps: Vec<Step>,
    pub finished: bool,
    pub scorecard: Option<Scorecard>,
    /// The scoring rules the attempt was scored under (records from before versions were kept
    /// read as version 1). A record scored under older rules is rescored only when asked.
    #[serde(default = "scoring::first_version")]
    pub scoring: u32,
    /// Who made the attempt, as their settings name them (empty when they did not say).
    #[serde(default)]
    pub trainee: String,
}

/// One answer the trainee gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Unix time in milliseconds when the answer was given.
    pub at_ms: u64,
    /// How long the trainee took, from the prompt to the answer.
    pub took_ms: u64,
    pub answer: Answer,
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A stable 64-bit FNV-1a hash of the scenario's content (not of its formatting or comments).
pub fn content_hash(scenario: &Scenario) -> String {
    let text = ron::to_string(scenario).unwrap_or_default();
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

impl AttemptRecord {
    /// A new, empty record for an attempt starting now.
    pub fn start(scenario: &Scenario, seed: u64, mode: Mode) -> Self {
        let started_ms = now_ms();
        AttemptRecord {
            format: FORMAT,
            id: format!("{}-{started_ms}-{:08x}", scenario.id, rand::random::<u32>()),
            scenario: scenario.id.clone(),
            scenario_hash: content_hash(scenario),
            seed,
            mode,
            started_ms,
            steps: Vec::new(),
            finished: false,
            scorecard: None,
            scoring: scoring::VERSION,
            trainee: String::new(),
        }
    }

    /// Whether the record was scored under older rules than today's.
    pub fn scored_under_older_rules(&self) -> bool {
        self.scoring < scoring::VERSION
    }

    /// Re-runs the record on a scenario: the engine after every step it could apply, and the
    /// first step it could not (when the scenario changed since), with its index.
    pub fn replay(
        &self,
        scenario: Arc<Scenario>,
    ) -> Result<(Engine, Option<(usize, EngineError)>), EngineError> {
        let mut engine = Engine::new(scenario, self.seed)?;
        for (i, step) in self.steps.iter().enumerate() {
            if let Err(error) = engine.answer(&step.answer) {
                return Ok((engine, Some((i, error))));
            }
        }
        Ok((engine, None))
    }
}
