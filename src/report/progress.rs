//! The progress report over several attempts, as data: each finished attempt with its headline
//! skills and self-rating calibration, oldest first, and what to practise next. The HTML,
//! Markdown and JSON exports draw from it.

use serde::Serialize;

use super::{date, headline_id, mode_label, verdict};
use crate::scenario::model::Scenario;
use crate::scoring::rubric::Headline;
use crate::session::record::AttemptRecord;
use crate::supervision::practise::{self, Point};
use crate::supervision::review::{Calibration, Review};

pub const KIND: &str = "ipt-trainer/progress";

#[derive(Debug, Clone, Serialize)]
pub struct ProgressReport {
    pub report: &'static str,
    pub version: u32,
    pub trainee: String,
    pub attempts: Vec<AttemptPoint>,
    pub practise_next: Option<Next>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttemptPoint {
    pub id: String,
    pub scenario: String,
    pub client: String,
    pub started_ms: u64,
    pub started: String,
    pub mode: &'static str,
    pub passed: bool,
    pub verdict: &'static str,
    pub percent: u8,
    pub headlines: Vec<HeadlinePoint>,
    pub calibration: Option<Calibration>,
}

impl AttemptPoint {
    /// The problem area, sick role and termination, in that order; `None` where the course did
    /// not assess one.
    pub fn by_headline(&self) -> [Option<&HeadlinePoint>; 3] {
        Headline::ALL.map(|h| self.headlines.iter().find(|p| p.id == headline_id(h)))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HeadlinePoint {
    pub id: &'static str,
    pub label: &'static str,
    pub percent: u8,
    pub passed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Next {
    pub scenario: String,
    pub title: String,
    pub headline: &'static str,
    pub why: String,
}

/// The progress report of these records (finished ones scored under today's rules count), with
/// a suggestion drawn from `library` as of `now_ms`.
pub fn build(
    records: &[(AttemptRecord, Option<Review>)],
    library: &[&Scenario],
    now_ms: u64,
) -> ProgressReport {
    let points = practise::history(records);
    let client = |id: &str| {
        library
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_owned(), |s| s.client.name.clone())
    };
    let attempts = points
        .iter()
        .map(|p| point(p, client(&p.scenario)))
        .collect();
    let practise_next = practise::practise_next(library, &points, now_ms).map(|s| Next {
        title: library
            .iter()
            .find(|l| l.id == s.scenario)
            .map_or_else(String::new, |l| format!("{}: {}", l.client.name, l.title)),
        scenario: s.scenario,
        headline: headline_id(s.headline),
        why: s.why,
    });
    // The trainee is whoever the latest named record says.
    let trainee = records
        .iter()
        .rev()
        .map(|(r, _)| r.trainee.trim())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_owned();
    ProgressReport {
        report: KIND,
        version: super::attempt::VERSION,
        trainee,
        attempts,
        practise_next,
    }
}

fn point(p: &Point, client: String) -> AttemptPoint {
    AttemptPoint {
        id: p.attempt.clone(),
        scenario: p.scenario.clone(),
        client,
        started_ms: p.started_ms,
        started: date(p.started_ms),
        mode: mode_label(p.mode),
        passed: p.passed,
        verdict: verdict(p.passed),
        percent: p.percent,
        headlines: p
            .headlines
            .iter()
            .map(|(h, s)| HeadlinePoint {
                id: headline_id(*h),
                label: h.label(),
                percent: s.percent,
                passed: s.passed,
            })
            .collect(),
        calibration: p.calibration,
    }
}
