//! Reports: a course's transcript and scorecard as text for the terminal, and the exports a
//! supervisor reads (one attempt, or progress over many) as HTML, Markdown and JSON, all drawn
//! from the same report data.

pub mod attempt;
pub mod html;
pub mod markdown;
pub mod progress;
pub mod text;

use crate::scoring::rubric::Headline;
use crate::session::engine::Mode;

/// The JSON schema of both report shapes.
pub const SCHEMA: &str = include_str!("schema.json");

/// The formats a report is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Export {
    /// One self-contained page that prints on A4.
    Html,
    /// For pasting into supervision notes.
    Md,
    /// The shape in `schema.json` (`ipt-trainer report --schema`).
    Json,
}

impl Export {
    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Export::Html => "html",
            Export::Md => "md",
            Export::Json => "json",
        }
    }

    pub fn attempt(self, report: &attempt::AttemptReport) -> String {
        match self {
            Export::Html => html::attempt(report),
            Export::Md => markdown::attempt(report),
            Export::Json => json(report),
        }
    }

    pub fn progress(self, report: &progress::ProgressReport) -> String {
        match self {
            Export::Html => html::progress(report),
            Export::Md => markdown::progress(report),
            Export::Json => json(report),
        }
    }
}

fn json(report: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

/// A headline's stable id in exports.
pub fn headline_id(headline: Headline) -> &'static str {
    match headline {
        Headline::ProblemArea => "problem_area",
        Headline::SickRole => "sick_role",
        Headline::Termination => "termination",
    }
}

pub fn mode_label(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "practice",
        Mode::Assessment => "assessment",
    }
}

pub fn verdict(passed: bool) -> &'static str {
    if passed { "PASS" } else { "NOT YET" }
}

/// A Unix time in milliseconds as a UTC date and time: "2026-11-27 21:40 UTC".
pub fn date(ms: u64) -> String {
    let secs = ms / 1000;
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (hour, minute) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Howard Hinnant's civil-from-days: the proleptic Gregorian date of a day count.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_the_calendar_dates() {
        assert_eq!(super::date(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::date(951_782_400_000), "2000-02-29 00:00 UTC");
        assert_eq!(super::date(1_795_815_600_000), "2026-11-27 21:40 UTC");
    }
}
