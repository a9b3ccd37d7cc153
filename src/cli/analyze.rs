//! `ipt-trainer analyze`: what a scenario lets a trainee score, where it can end, and how many
//! ways there are through it.

use super::{Format, exit, find_scenario};
use crate::analysis::analyze::{Analysis, Bounds, analyze};
use crate::report::text::or_none;
use crate::scoring::rubric;

pub fn run(scenario: &str, format: Format) -> u8 {
    let checked = match find_scenario(scenario, &[]) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let Some(loaded) = &checked.scenario else {
        return exit::FINDINGS;
    };
    let analysis = analyze(loaded);
    match format {
        Format::Human => out!("{}", human(&analysis)),
        Format::Json => match serde_json::to_string_pretty(&analysis) {
            Ok(json) => outln!("{json}"),
            Err(error) => {
                eprintln!("error: cannot write the analysis: {error}");
                return exit::USAGE;
            }
        },
    }
    exit::OK
}

fn range(bounds: &Bounds) -> String {
    let qualifier = match (bounds.exact, bounds.reached) {
        (true, _) => String::new(),
        (false, Some((low, high))) => format!(" (outer bounds; paths reach {low} .. {high})"),
        (false, None) => " (outer bounds)".to_owned(),
    };
    format!("{:>4} .. {:<4}{qualifier}", bounds.min, bounds.max)
}

/// The analysis as a plain-text report.
pub fn human(a: &Analysis) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("scenario {} ({} nodes)", a.scenario, a.nodes));
    line(format!(
        "  total score      {}   full score {}",
        range(&a.total),
        a.full_score
    ));
    for h in &a.headlines {
        line(format!(
            "  {:<16} {}   full score {}",
            h.headline.label(),
            range(&h.bounds),
            h.full
        ));
    }
    line("  rubric items:".into());
    for item in &a.items {
        let title = rubric::find(item.item).map_or(item.item, |i| i.title);
        line(format!(
            "    {:<26} {}  {title}",
            item.item,
            range(&item.bounds)
        ));
    }
    let endings: Vec<String> = a
        .endings
        .iter()
        .map(|(id, kind)| format!("{id} ({kind:?})"))
        .collect();
    line(format!("  reachable endings: {}", or_none(&endings)));
    line(format!(
        "  nodes on no path to an ending: {}",
        or_none(&a.off_path)
    ));
    line(format!("  distinct paths: {}", a.paths));
    let risks: Vec<String> = a
        .risks
        .iter()
        .map(|r| format!("{} ({}, session {})", r.line, r.risk.label(), r.session))
        .collect();
    line(format!(
        "  risk lines: {}",
        if risks.is_empty() {
            "none".into()
        } else {
            format!(
                "{}; any left unanswered fails the attempt whatever its score (the safety gate)",
                risks.join(", ")
            )
        }
    ));
    out
}
