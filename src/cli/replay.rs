//! `ipt-trainer replay RECORD`: re-runs a saved attempt and checks that it reproduces the same
//! scorecard; if the scenario changed since, it says so and shows what still applies. A record
//! scored under older scoring rules is shown as it was scored, and rescored under today's only
//! with `--rescore`. The record's scenario is looked up in the library by id, never opened as a
//! path.
//!
//! Exit codes: 0 reproduced (for an unfinished attempt: replayed to where it stopped, unchanged);
//! 1 the scorecard differs, the replay stopped, or the record was scored under older rules; 2 the
//! record or its scenario cannot be used.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{exit, library_scenario};
use crate::report::text;
use crate::scoring;
use crate::session::record::content_hash;
use crate::session::store;

pub fn run(path: &Path, folders: &[PathBuf], rescore: bool) -> u8 {
    let record = match store::load(path) {
        Ok(record) => record,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let saved_verdict = record.scorecard.as_ref().map(|card| {
        format!(
            "{}% {}",
            card.percent,
            if card.passed { "PASS" } else { "NOT YET" }
        )
    });
    if record.scored_under_older_rules() && !rescore {
        outln!(
            "This attempt was scored under scoring v{}{}, before today's rules (v{}), which score \
             the skill differently; its saved scorecard is kept as it was. \
             `ipt-trainer replay --rescore {}` shows what it scores under v{}.",
            record.scoring,
            saved_verdict
                .as_ref()
                .map(|v| format!(" ({v})"))
                .unwrap_or_default(),
            scoring::VERSION,
            path.display(),
            scoring::VERSION
        );
        if let Some(saved) = &record.scorecard {
            out!("{}", text::scorecard(saved));
        }
        return exit::FINDINGS;
    }
    let checked = match library_scenario(&record.scenario, folders) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let Some(scenario) = &checked.scenario else {
        return exit::FINDINGS;
    };
    let changed = content_hash(scenario) != record.scenario_hash;
    if changed {
        outln!(
            "Note: the scenario `{}` has changed since this attempt (content hash {} then, {} \
             now); replaying what still applies.",
            record.scenario,
            record.scenario_hash,
            content_hash(scenario)
        );
    }
    let (engine, failed) = match record.replay(Arc::new(scenario.clone())) {
        Ok(result) => result,
        Err(error) => {
            eprintln!("error: {error}");
            return exit::USAGE;
        }
    };
    out!("{}", text::transcript(scenario, &engine.transcript));
    if let Some((i, error)) = &failed {
        outln!(
            "\nThe replay stopped at step {} of {}: {error}",
            i + 1,
            record.steps.len()
        );
    }
    let card = engine.scorecard();
    out!("{}", text::scorecard(&card));
    if record.scored_under_older_rules() {
        outln!(
            "\nRescored under scoring v{} (first scored under v{}{}); the record is unchanged.",
            scoring::VERSION,
            record.scoring,
            saved_verdict.map(|v| format!(": {v}")).unwrap_or_default()
        );
        return if failed.is_some() {
            exit::FINDINGS
        } else {
            exit::OK
        };
    }
    match (&record.scorecard, &failed, record.finished) {
        (_, Some(_), _) => {
            outln!("\nThe replay did not reach the end of the record.");
            exit::FINDINGS
        }
        (Some(saved), None, _) if *saved == card => {
            outln!("\nReproduced: the same scorecard as saved.");
            exit::OK
        }
        (Some(_), None, _) => {
            outln!("\nThe scorecard differs from the one saved with the attempt.");
            exit::FINDINGS
        }
        (None, None, true) => {
            outln!(
                "\nThe record says the attempt finished, but it holds no scorecard to compare \
                 with; the score above is the replay's."
            );
            exit::FINDINGS
        }
        (None, None, false) => {
            outln!("\n(The attempt was not finished; this is the score so far.)");
            if changed { exit::FINDINGS } else { exit::OK }
        }
    }
}
