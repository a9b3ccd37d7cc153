//! `ipt-trainer audit [PATH|ID...]`: what strategies that know nothing of IPT score on each
//! scenario, and the surface of the options they feed on.

use std::fmt::Write;

use serde::Serialize;

use super::{Format, exit, scenarios_named};
use crate::analysis::audit::{Audit, Phrase, Phrasebook, Run, Strategy, audit, expert_phrases};
use crate::library::built_in;
use crate::report::text::or_none;
use crate::scenario::ids::escaped;
use crate::scenario::model::{ProblemArea, Scenario};
use crate::scoring::rubric::Headline;

#[derive(Serialize)]
struct Report<'a> {
    scenarios: &'a [Audit],
    /// Phrases only expert options say, across every scenario audited.
    library_expert_phrases: &'a [Phrase],
}

pub fn run(names: &[String], walks: usize, seed: u64, format: Format) -> u8 {
    let scenarios = match scenarios_named(names) {
        Ok(scenarios) => scenarios,
        Err(code) => return code,
    };
    // The learned strategy meets each course having played every other one: those audited
    // and the rest of the built-in library (an audited file stands in for the built-in course
    // of the same id, as an author's edit would).
    let mut pool = scenarios.clone();
    for course in built_in().into_iter().filter_map(|c| c.scenario) {
        if !pool.iter().any(|s| s.id == course.id) {
            pool.push(course);
        }
    }
    let audits: Vec<Audit> = scenarios
        .iter()
        .map(|s| audit(s, walks, seed, &Phrasebook::both_without(&pool, &s.id)))
        .collect();
    let phrases = expert_phrases(&scenarios, 3);
    match format {
        Format::Human => out!("{}", human(&scenarios, &audits, &phrases)),
        Format::Json => {
            let report = Report {
                scenarios: &audits,
                library_expert_phrases: &phrases,
            };
            match serde_json::to_string_pretty(&report) {
                Ok(json) => outln!("{json}"),
                Err(error) => {
                    eprintln!("error: cannot write the audit: {error}");
                    return exit::USAGE;
                }
            }
        }
    }
    let surface_passes = scenarios.iter().zip(&audits).any(|(s, a)| {
        !a.passing_surface_strategies(s.answer.problem_area)
            .is_empty()
    });
    if surface_passes {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn verdict(run: &Run) -> &'static str {
    match (run.finished, run.passed) {
        (false, _) => "no end",
        (true, true) => "PASS",
        (true, false) => "NOT YET",
    }
}

fn headline(run: &Run, which: Headline) -> String {
    run.headlines
        .iter()
        .find(|h| h.headline == which)
        .map_or("-".into(), |h| format!("{}%", h.percent))
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The audit as plain text: per scenario, then a summary line per scenario.
pub fn human(scenarios: &[Scenario], audits: &[Audit], phrases: &[Phrase]) -> String {
    let mut out = String::new();
    for (scenario, audit) in scenarios.iter().zip(audits) {
        scenario_report(&mut out, scenario, audit);
    }
    if audits.len() > 1 {
        summary(&mut out, scenarios, audits);
        let _ = writeln!(
            out,
            "\nphrases only in expert options, across these scenarios: {}",
            listed(phrases, 12)
        );
    }
    out
}

fn scenario_report(out: &mut String, scenario: &Scenario, audit: &Audit) {
    let answer = scenario.answer.problem_area;
    let expert = audit.run(Strategy::Expert, answer);
    let _ = writeln!(
        out,
        "{} ({} decisions on the expert path over {} sessions)",
        audit.scenario,
        expert.map_or(0, |r| r.decisions),
        expert.map_or(0, |r| r.sessions),
    );
    let _ = writeln!(
        out,
        "  {:<14} {:>8} {:>8} {:>10} {:>12}  verdict   (formulating {}, the answer)",
        "strategy",
        "overall",
        "problem",
        "sick role",
        "termination",
        answer.label()
    );
    for strategy in std::iter::once(Strategy::Expert)
        .chain(Strategy::SURFACE)
        .chain([Strategy::Learned, Strategy::LearnedVoice])
    {
        if let Some(run) = audit.run(strategy, answer) {
            let _ = writeln!(
                out,
                "  {:<14} {:>7}% {:>8} {:>10} {:>12}  {:<8}  (the expert's choice in {} of {})",
                strategy.label(),
                run.percent,
                headline(run, Headline::ProblemArea),
                headline(run, Headline::SickRole),
                headline(run, Headline::Termination),
                verdict(run),
                run.agreed.len(),
                run.decisions
            );
        }
    }
    // Where the courses' words and voice give the expert away: the decisions to rewrite first.
    for strategy in [Strategy::Learned, Strategy::LearnedVoice] {
        if let Some(run) = audit.run(strategy, answer) {
            let _ = writeln!(
                out,
                "  {} follows the expert at: {}",
                strategy.label(),
                or_none(&run.agreed)
            );
        }
    }
    let random = &audit.random;
    let _ = writeln!(
        out,
        "  {:<14} passes {} of {} walks, mean {:.0}%, best {}%",
        "random", random.passes, random.walks, random.mean_percent, random.best_percent
    );
    let _ = writeln!(out, "  with a wrong area (overall, problem area, verdict):");
    for strategy in std::iter::once(Strategy::Expert)
        .chain(Strategy::SURFACE)
        .chain([Strategy::Learned, Strategy::LearnedVoice])
    {
        let cells: Vec<String> = ProblemArea::ALL
            .iter()
            .filter(|&&a| a != answer)
            .filter_map(|&area| audit.run(strategy, area))
            .map(|run| {
                format!(
                    "{}: {}% {} {}",
                    run.area.label(),
                    run.percent,
                    headline(run, Headline::ProblemArea),
                    verdict(run)
                )
            })
            .collect();
        let _ = writeln!(out, "    {:<12} {}", strategy.label(), cells.join("; "));
    }
    let surface = &audit.surface;
    let _ = writeln!(
        out,
        "  give-aways: the expert option is strictly the longest in {} of {} decisions ({}), \
         strictly the shortest in {} ({}); expert/other length {:.2} ({:.0} vs {:.0} characters)",
        surface.expert_longest,
        surface.decisions,
        percent(surface.expert_longest_share()),
        surface.expert_shortest,
        percent(surface.expert_shortest_share()),
        surface.length_ratio(),
        surface.expert_chars,
        surface.other_chars
    );
    let _ = writeln!(
        out,
        "  questions: the expert option asks one in {} of decisions, the other options in {}",
        percent(surface.expert_asks_share()),
        percent(surface.others_ask_share())
    );
    let [one, two, three, four, more] = surface.options;
    let _ = writeln!(
        out,
        "  options per decision: 1: {one}, 2: {two}, 3: {three}, 4: {four}, 5+: {more} \
         (3 or 4 in {})",
        percent(surface.three_or_four_share())
    );
    let prompts: Vec<String> = surface
        .task_prompts
        .iter()
        .map(|p| format!("{} (\"{}\")", p.node, p.words.join("\", \"")))
        .collect();
    let _ = writeln!(out, "  prompts that name the task: {}", or_none(&prompts));
    let _ = writeln!(
        out,
        "  phrases only in expert options: {}",
        listed(&surface.expert_phrases, 8)
    );
    let endings: Vec<String> = random
        .endings
        .iter()
        .map(|(id, n)| format!("{id} {n}"))
        .collect();
    let _ = writeln!(
        out,
        "  random walks covered {} of {} nodes and {} of {} choices; endings: {}\n",
        random.nodes_visited,
        random.nodes,
        random.choices_chosen,
        random.choices,
        endings.join(", ")
    );
}

/// The first `most` phrases with their counts, and how many more there are.
fn listed(phrases: &[Phrase], most: usize) -> String {
    if phrases.is_empty() {
        return "none".into();
    }
    let shown: Vec<String> = phrases
        .iter()
        .take(most)
        .map(|p| format!("\"{}\" ({})", escaped(&p.text), p.count))
        .collect();
    match phrases.len().saturating_sub(most) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn summary(out: &mut String, scenarios: &[Scenario], audits: &[Audit]) {
    let _ = writeln!(
        out,
        "{:<20} {:>7} {:>8} {:>8} {:>6} {:>6} {:>6} {:>7} {:>6} {:>7} {:>8} {:>6} {:>6} {:>7}",
        "scenario",
        "expert",
        "longest",
        "shortest",
        "middle",
        "first",
        "last",
        "learned",
        "voice",
        "random",
        "longest%",
        "ratio",
        "3-4opt",
        "prompts"
    );
    for (scenario, audit) in scenarios.iter().zip(audits) {
        let answer = scenario.answer.problem_area;
        let cell = |strategy: Strategy| {
            audit.run(strategy, answer).map_or("-".into(), |r| {
                format!("{}{}", r.percent, if r.passed { "P" } else { "" })
            })
        };
        let surface = &audit.surface;
        let _ = writeln!(
            out,
            "{:<20} {:>7} {:>8} {:>8} {:>6} {:>6} {:>6} {:>7} {:>6} {:>7} {:>8} {:>6.2} {:>6} {:>7}",
            audit.scenario,
            cell(Strategy::Expert),
            cell(Strategy::Longest),
            cell(Strategy::Shortest),
            cell(Strategy::Middle),
            cell(Strategy::FirstListed),
            cell(Strategy::LastListed),
            cell(Strategy::Learned),
            cell(Strategy::LearnedVoice),
            format!("{}/{}", audit.random.passes, audit.random.walks),
            percent(surface.expert_longest_share()),
            surface.length_ratio(),
            percent(surface.three_or_four_share()),
            surface.task_prompts.len()
        );
    }
    let _ = writeln!(
        out,
        "(overall % with the right area; P = passes; learned = the phrasing of the other courses' \
         expert options; voice = the same, reading only the small words; random = walks that pass; longest% = \
         decisions where the expert option is strictly the longest; ratio = expert/other \
         length; 3-4opt = decisions with 3 or 4 options; prompts = prompts that name the task)"
    );
}
