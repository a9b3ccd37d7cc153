//! Reports as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts and
//! nothing fetched, so it opens anywhere, reads well on screen and prints on A4.

use std::fmt::Write;

use super::attempt::{AttemptReport, DecisionRow, HeadlineRow};
use super::progress::ProgressReport;
use crate::scenario::ids::escaped;
use crate::scoring::pass::HEADLINE_PASS_PERCENT;

/// Text made safe for HTML (and hidden characters shown as escapes).
fn h(text: &str) -> String {
    escaped(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const STYLE: &str = r#"
:root { --ink:#1d2430; --muted:#5b6472; --line:#d9dee5; --good:#1f7a4d; --bad:#b3261e;
        --accent:#2f5d8a; --soft:#f4f6f9; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line);
     padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 .4rem; color: var(--accent); }
.sub { color: var(--muted); margin: 0 0 1rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
.meta dt { color: var(--muted); } .meta dd { margin: 0; }
.verdict { display: inline-block; font-weight: 700; padding: .05rem .55rem; border-radius: .3rem;
           color: #fff; background: var(--bad); }
.verdict.pass { background: var(--good); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
tr.differ td { background: #fff6e0; }
.ok { color: var(--good); font-weight: 600; } .no { color: var(--bad); font-weight: 600; }
.note { border-left: 4px solid var(--accent); background: var(--soft); padding: .4rem .7rem;
        margin: .6rem 0; }
.decision { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .8rem;
            margin: .7rem 0; break-inside: avoid; }
.said { margin: .2rem 0; } .said b { color: var(--muted); font-weight: 600; }
.prompt { font-style: italic; color: var(--muted); margin: .3rem 0; }
ol.options { margin: .3rem 0 .3rem 1.2rem; padding: 0; }
ol.options li { margin: .15rem 0; }
li.chosen { font-weight: 600; }
.tag { font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em;
       padding: 0 .3rem; border-radius: .2rem; margin-left: .3rem; white-space: nowrap; }
.tag.chosen { background: var(--accent); color: #fff; } .tag.expert { background: #e3ecf5; color: var(--accent); }
.marks { font-size: .88rem; } .plus { color: var(--good); } .minus { color: var(--bad); }
.comment { border-left: 4px solid #c98a00; background: #fff6e0; padding: .35rem .6rem;
           margin-top: .4rem; }
.session { margin: 1.2rem 0 .3rem; font-weight: 700; color: var(--accent); }
svg { max-width: 100%; height: auto; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; } .decision, tr { break-inside: avoid; }
}
"#;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        h(title)
    )
}

/// The three headline skills as bars, with the pass line drawn across them.
fn headline_chart(rows: &[HeadlineRow]) -> String {
    let (width, bar, gap, left) = (560, 26, 14, 130);
    let height = rows.len() * (bar + gap) + 30;
    let scale = |percent: u8| f64::from(percent) * f64::from(width - left - 50) / 100.0;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"The three core skills\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" \
         font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">"
    );
    for (i, row) in rows.iter().enumerate() {
        let y = i * (bar + gap) + 8;
        let colour = if row.passed { "#1f7a4d" } else { "#b3261e" };
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" fill=\"#1d2430\">{}</text>\
             <rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"{bar}\" fill=\"#eef1f5\"/>\
             <rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"{bar}\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{}\" fill=\"#1d2430\">{}%</text>",
            y + 18,
            h(row.label),
            scale(100),
            scale(row.percent),
            f64::from(left) + scale(100) + 6.0,
            y + 18,
            row.percent
        );
    }
    let pass_x = f64::from(left) + scale(HEADLINE_PASS_PERCENT);
    let bottom = rows.len() * (bar + gap);
    let _ = write!(
        svg,
        "<line x1=\"{pass_x:.1}\" x2=\"{pass_x:.1}\" y1=\"2\" y2=\"{bottom}\" stroke=\"#1d2430\" \
         stroke-dasharray=\"4 3\"/><text x=\"{pass_x:.1}\" y=\"{}\" text-anchor=\"middle\" \
         fill=\"#5b6472\" font-size=\"11\">pass line {HEADLINE_PASS_PERCENT}%</text></svg>",
        bottom + 16
    );
    svg
}

pub fn attempt(report: &AttemptReport) -> String {
    let a = &report.attempt;
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<header><h1>{}: {}</h1><p class=\"sub\">An IPT Trainer report of one attempt</p>\
         <dl class=\"meta\"><dt>Trainee</dt><dd>{}</dd><dt>Date</dt><dd>{}</dd>\
         <dt>Mode</dt><dd>{}</dd><dt>Verdict</dt><dd><span class=\"verdict{}\">{}</span> \
         {}</dd><dt>Attempt</dt><dd><code>{}</code></dd></dl></header>",
        h(&a.client),
        h(&a.title),
        h(crate::report::attempt::trainee_name(&a.trainee)),
        a.started,
        a.mode,
        if a.passed { " pass" } else { "" },
        a.verdict,
        a.score_line(),
        h(&a.id)
    );
    for note in &report.notes {
        let _ = writeln!(b, "<p class=\"note\">{}</p>", h(note));
    }
    if let Some(ending) = &a.ending {
        let _ = writeln!(
            b,
            "<p class=\"note\">How the course ended: {}</p>",
            h(ending)
        );
    }
    let _ = writeln!(
        b,
        "<section id=\"headlines\"><h2>The three core skills</h2>{}</section>",
        headline_chart(&report.headlines)
    );
    b.push_str("<section id=\"gates\"><h2>The pass rule</h2><table><tr><th>gate</th><th></th><th>what it asks</th><th>this attempt</th></tr>");
    for g in &report.gates {
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
            h(&g.label),
            if g.passed { "ok" } else { "no" },
            if g.passed { "met" } else { "not met" },
            h(&g.rule),
            h(&g.detail)
        );
    }
    b.push_str("</table>");
    if !report.to_work_on.is_empty() {
        b.push_str("<h3>To work on</h3><ul>");
        for item in &report.to_work_on {
            let _ = write!(b, "<li>{}</li>", h(item));
        }
        b.push_str("</ul>");
    }
    b.push_str("</section>\n<section id=\"ratings\"><h2>The rubric, rated three ways</h2>");
    b.push_str("<p class=\"sub\">The app's rating from the evidence, the trainee's own rating made before seeing it, and the supervisor's. Rows where they differ are shaded.</p>");
    b.push_str("<table><tr><th>phase</th><th>item</th><th>points</th><th>app</th><th>self</th><th>supervisor</th></tr>");
    for item in &report.items {
        let _ = write!(
            b,
            "<tr{}><td>{}</td><td>{}</td><td>{} of {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if item.disagree {
                " class=\"differ\""
            } else {
                ""
            },
            h(&item.phase),
            h(&item.title),
            item.points,
            item.max,
            item.app,
            item.trainee.unwrap_or("–"),
            item.supervisor.unwrap_or("–")
        );
    }
    b.push_str("</table>");
    if let Some(c) = &report.review.calibration {
        let _ = write!(b, "<p>{}</p>", c.sentence());
    }
    b.push_str("</section>\n");
    if let Some(overall) = &report.review.overall {
        let _ = writeln!(
            b,
            "<section id=\"supervisor\"><h2>Supervisor's comment{}</h2><p class=\"comment\">{}</p></section>",
            report
                .review
                .supervisor
                .as_deref()
                .map(|s| format!(" ({})", h(s)))
                .unwrap_or_default(),
            h(overall)
        );
    }
    b.push_str("<section id=\"evidence\"><h2>The evidence, item by item</h2>");
    for item in report.items.iter().filter(|i| !i.evidence.is_empty()) {
        let _ = write!(
            b,
            "<h3>{} <small>({})</small></h3><ul>",
            h(&item.title),
            h(&item.phase)
        );
        for e in &item.evidence {
            let _ = write!(
                b,
                "<li>Session {}: <span class=\"{}\">{:+}{}</span> for \u{201c}{}\u{201d}{}</li>",
                e.session,
                if e.points > 0 { "plus" } else { "minus" },
                e.points,
                if e.counts { "" } else { " (void)" },
                h(&e.said),
                e.rationale
                    .as_deref()
                    .map(|r| format!(" \u{2014} {}", h(r)))
                    .unwrap_or_default()
            );
        }
        b.push_str("</ul>");
    }
    b.push_str(
        "</section>\n<section id=\"transcript\"><h2>The transcript, decision by decision</h2>",
    );
    for d in &report.decisions {
        decision(&mut b, d);
    }
    b.push_str("</section>\n");
    page(&format!("{}: {}", a.client, a.title), &b)
}

fn decision(b: &mut String, d: &DecisionRow) {
    for line in &d.context {
        if line.speaker.is_empty() {
            let _ = write!(b, "<p class=\"session\">{}</p>", h(&line.text));
        } else {
            let _ = write!(
                b,
                "<p class=\"said\"><b>{}:</b> {}</p>",
                h(&line.speaker),
                h(&line.text)
            );
        }
    }
    let _ = write!(
        b,
        "<div class=\"decision\" id=\"step-{}\"><p class=\"prompt\">{} · {}</p>",
        d.step + 1,
        d.heading(),
        h(&d.prompt)
    );
    if let Some(written) = &d.written {
        let _ = write!(b, "<p>Wrote first: \u{201c}{}\u{201d}</p>", h(written));
    }
    b.push_str("<ol class=\"options\">");
    for o in &d.offered {
        let _ = write!(
            b,
            "<li{}>{}{}{}</li>",
            if o.chosen { " class=\"chosen\"" } else { "" },
            h(&o.text),
            if o.chosen {
                "<span class=\"tag chosen\">chosen</span>"
            } else {
                ""
            },
            if o.expert {
                "<span class=\"tag expert\">expert</span>"
            } else {
                ""
            }
        );
    }
    b.push_str("</ol>");
    if d.formulation {
        let _ = write!(b, "<p>{}</p>", h(&d.said));
    }
    if !d.marks.is_empty() {
        b.push_str("<p class=\"marks\">Rubric: ");
        let marks: Vec<String> = d
            .marks
            .iter()
            .map(|m| {
                format!(
                    "<span class=\"{}\">{} {:+}</span>",
                    if m.points > 0 { "plus" } else { "minus" },
                    h(&m.title),
                    m.points
                )
            })
            .collect();
        b.push_str(&marks.join("; "));
        b.push_str("</p>");
    }
    if let Some(why) = &d.rationale {
        let _ = write!(b, "<p class=\"marks\">Why: {}</p>", h(why));
    }
    if let Some(expert) = &d.expert {
        let _ = write!(
            b,
            "<p class=\"marks\">An expert might have said: \u{201c}{}\u{201d}</p>",
            h(expert)
        );
    }
    if let Some(comment) = &d.comment {
        let _ = write!(
            b,
            "<p class=\"comment\"><b>Supervisor:</b> {}</p>",
            h(comment)
        );
    }
    b.push_str("</div>\n");
}

/// Each headline skill attempt by attempt, as lines over the pass line.
fn progress_chart(report: &ProgressReport) -> String {
    const SERIES: [(&str, &str, &str); 3] = [
        ("problem_area", "Problem area", "#2f5d8a"),
        ("sick_role", "Sick role", "#c98a00"),
        ("termination", "Termination", "#1f7a4d"),
    ];
    let (width, height, left, top, bottom) = (600.0, 240.0, 40.0, 12.0, 200.0);
    let n = report.attempts.len().max(2) - 1;
    let x = |i: usize| left + (width - left - 20.0) * i as f64 / n as f64;
    let y = |p: u8| bottom - (bottom - top) * f64::from(p) / 100.0;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"The core skills attempt by attempt\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" \
         font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">"
    );
    for p in [0u8, 50, 100] {
        let (right, line_y, label_x) = (width - 20.0, y(p), left - 4.0);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{line_y:.1}\" y2=\"{line_y:.1}\" stroke=\"#d9dee5\"/>\
             <text x=\"{label_x}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#5b6472\">{p}%</text>",
            line_y + 4.0
        );
    }
    let pass = y(HEADLINE_PASS_PERCENT);
    let _ = write!(
        svg,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{pass:.1}\" y2=\"{pass:.1}\" stroke=\"#1d2430\" stroke-dasharray=\"4 3\"/>",
        width - 20.0
    );
    for (n, (id, label, colour)) in SERIES.into_iter().enumerate() {
        // Equal scores would hide one line behind another: each series sits a little apart.
        let nudge = (n as f64 - 1.0) * 2.5;
        let points: Vec<(f64, f64)> = report
            .attempts
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let hp = a.headlines.iter().find(|hp| hp.id == id)?;
                Some((x(i), y(hp.percent) + nudge))
            })
            .collect();
        let path: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        let _ = write!(
            svg,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"><title>{label}</title></polyline>",
            path.join(" ")
        );
        for (px, py) in points {
            let _ = write!(
                svg,
                "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" fill=\"{colour}\"/>"
            );
        }
    }
    for (i, (_, label, colour)) in SERIES.iter().enumerate() {
        let lx = left + 150.0 * i as f64;
        let _ = write!(
            svg,
            "<rect x=\"{lx}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{}\" fill=\"#1d2430\">{label}</text>",
            bottom + 22.0,
            lx + 16.0,
            bottom + 32.0
        );
    }
    svg.push_str("</svg>");
    svg
}

pub fn progress(report: &ProgressReport) -> String {
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<header><h1>Progress: {}</h1><p class=\"sub\">An IPT Trainer report over {} finished attempts</p></header>",
        h(crate::report::attempt::trainee_name(&report.trainee)),
        report.attempts.len()
    );
    if let Some(next) = &report.practise_next {
        let _ = writeln!(
            b,
            "<section id=\"next\"><h2>Practise next</h2><p><b>{}</b></p><p>{}</p></section>",
            h(&next.title),
            h(&next.why)
        );
    }
    let _ = writeln!(
        b,
        "<section id=\"chart\"><h2>The core skills, attempt by attempt</h2>{}</section>",
        progress_chart(report)
    );
    b.push_str("<section id=\"attempts\"><h2>Attempts</h2><table><tr><th>date</th><th>client</th><th>mode</th><th>verdict</th><th>overall</th><th>problem area</th><th>sick role</th><th>termination</th><th>self-rating</th></tr>");
    for a in &report.attempts {
        let [area, sick_role, termination] = a.by_headline().map(|hp| {
            hp.map_or("–".to_owned(), |hp| {
                format!(
                    "<span class=\"{}\">{}%</span>",
                    if hp.passed { "ok" } else { "no" },
                    hp.percent
                )
            })
        });
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}%</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            a.started,
            h(&a.client),
            a.mode,
            if a.passed { "ok" } else { "no" },
            a.verdict,
            a.percent,
            area,
            sick_role,
            termination,
            a.calibration
                .map_or("–".to_owned(), |c| format!("{}% agree", c.percent()))
        );
    }
    b.push_str("</table></section>\n");
    page("IPT Trainer progress", &b)
}
