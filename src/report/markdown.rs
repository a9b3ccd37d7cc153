//! Reports as Markdown, for pasting into supervision notes: the same sections as the HTML
//! export, in plain text that reads well unrendered too.

use std::fmt::Write;

use super::attempt::{AttemptReport, DecisionRow};
use super::progress::ProgressReport;
use crate::scenario::ids::escaped;

/// Text made safe to paste: hidden characters shown as escapes, and Markdown's table and
/// emphasis markers taken literally.
fn md(text: &str) -> String {
    escaped(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('<', "&lt;")
        .replace('\n', " ")
}

fn or_dash(rating: Option<&str>) -> &str {
    rating.unwrap_or("–")
}

pub fn attempt(report: &AttemptReport) -> String {
    let mut out = String::new();
    let a = &report.attempt;
    let _ = writeln!(out, "# {}: {}\n", md(&a.client), md(&a.title));
    let _ = writeln!(
        out,
        "- **Trainee:** {}\n- **Date:** {}\n- **Mode:** {}\n- **Verdict:** {}, {}\n- **Attempt:** `{}`\n",
        md(crate::report::attempt::trainee_name(&a.trainee)),
        a.started,
        a.mode,
        a.verdict,
        a.score_line(),
        a.id
    );
    for note in &report.notes {
        let _ = writeln!(out, "> {}\n", md(note));
    }
    out.push_str("## The three core skills\n\n| skill | score | |\n|---|---|---|\n");
    for h in &report.headlines {
        let _ = writeln!(
            out,
            "| {} | {}% ({} of {}) | {} |",
            h.label,
            h.percent,
            h.points.max(0),
            h.full,
            if h.passed { "passed" } else { "not yet" }
        );
    }
    out.push_str("\n## The pass rule\n\n");
    for g in &report.gates {
        let _ = writeln!(
            out,
            "- {} **{}**: {}",
            if g.passed { "✔" } else { "✘" },
            g.label,
            md(&g.detail)
        );
    }
    if !report.to_work_on.is_empty() {
        out.push_str("\n## To work on\n\n");
        for item in &report.to_work_on {
            let _ = writeln!(out, "- {}", md(item));
        }
    }
    out.push_str("\n## The rubric, rated three ways\n\n");
    out.push_str(
        "| phase | item | points | app | self | supervisor | |\n|---|---|---|---|---|---|---|\n",
    );
    for item in &report.items {
        let _ = writeln!(
            out,
            "| {} | {} | {} of {} | {} | {} | {} | {} |",
            item.phase,
            md(&item.title),
            item.points,
            item.max,
            item.app,
            or_dash(item.trainee),
            or_dash(item.supervisor),
            if item.disagree { "**differ**" } else { "" }
        );
    }
    if let Some(c) = &report.review.calibration {
        let _ = writeln!(out, "\n{}", c.sentence());
    }
    if let Some(overall) = &report.review.overall {
        let _ = writeln!(
            out,
            "\n## Supervisor's comment{}\n\n{}",
            report
                .review
                .supervisor
                .as_deref()
                .map(|s| format!(" ({})", md(s)))
                .unwrap_or_default(),
            md(overall)
        );
    }
    out.push_str("\n## The transcript, decision by decision\n");
    for d in &report.decisions {
        decision(&mut out, d);
    }
    out
}

fn decision(out: &mut String, d: &DecisionRow) {
    for line in &d.context {
        if line.speaker.is_empty() {
            let _ = writeln!(out, "\n### {}\n", md(&line.text));
        } else {
            let _ = writeln!(out, "**{}:** {}\n", md(&line.speaker), md(&line.text));
        }
    }
    let _ = writeln!(out, "*{}: {}*\n", d.heading(), md(&d.prompt));
    if let Some(written) = &d.written {
        let _ = writeln!(out, "Wrote first: \"{}\"\n", md(written));
    }
    for (i, o) in d.offered.iter().enumerate() {
        let tags = match (o.chosen, o.expert) {
            (true, true) => " **(chosen; expert)**",
            (true, false) => " **(chosen)**",
            (false, true) => " *(expert)*",
            (false, false) => "",
        };
        let _ = writeln!(out, "{}. {}{tags}", i + 1, md(&o.text));
    }
    if d.formulation {
        let _ = writeln!(out, "\n{}", md(&d.said));
    }
    if !d.marks.is_empty() {
        let marks: Vec<String> = d
            .marks
            .iter()
            .map(|m| format!("{} {:+}", m.title, m.points))
            .collect();
        let _ = writeln!(out, "\nRubric: {}", md(&marks.join("; ")));
    }
    if let Some(why) = &d.rationale {
        let _ = writeln!(out, "\nWhy: {}", md(why));
    }
    if let Some(expert) = &d.expert {
        let _ = writeln!(out, "\nAn expert might have said: \"{}\"", md(expert));
    }
    if let Some(comment) = &d.comment {
        let _ = writeln!(out, "\n> **Supervisor:** {}", md(comment));
    }
    out.push('\n');
}

pub fn progress(report: &ProgressReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Progress: {}\n\n{} finished attempts.\n",
        md(crate::report::attempt::trainee_name(&report.trainee)),
        report.attempts.len()
    );
    out.push_str("| date | client | mode | verdict | overall | problem area | sick role | termination | self-rating |\n|---|---|---|---|---|---|---|---|---|\n");
    for a in &report.attempts {
        let [area, sick_role, termination] = a.by_headline().map(|h| {
            h.map_or("–".to_owned(), |h| {
                format!("{}%{}", h.percent, if h.passed { " ✔" } else { "" })
            })
        });
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {}% | {} | {} | {} | {} |",
            a.started,
            md(&a.client),
            a.mode,
            a.verdict,
            a.percent,
            area,
            sick_role,
            termination,
            a.calibration
                .map_or("–".to_owned(), |c| format!("{}% agree", c.percent()))
        );
    }
    if let Some(next) = &report.practise_next {
        let _ = writeln!(
            out,
            "\n## Practise next: {}\n\n{}",
            md(&next.title),
            md(&next.why)
        );
    }
    out
}
