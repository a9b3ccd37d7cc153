//! Builds every screen's view-model from the core (scenarios, attempts, scorecards): plain
//! functions, no Bevy, so that what a screen shows is tested without a window.

use crate::report::text::plural;
use crate::scenario::load::Checked;
use crate::scenario::model::{Affect, Node, Phase, Scenario, first_name};
use crate::scoring::{self, Earned, rubric};
use crate::session::attempt::Attempt;
use crate::session::engine::{Event, Feedback, Mode, Prompt};
use crate::session::record::AttemptRecord;

use super::views::briefing::BriefingVm;
use super::views::debrief::{AnnotatedLine, DebriefVm, EvidenceLine, ItemRow, PhaseGroup, Section};
use super::views::feedback::{FeedbackVm, Mark};
use super::views::formulation::FormulationVm;
use super::views::history::{HistoryRow, HistoryVm};
use super::views::library::{Card, LibraryVm, Problem};
use super::views::review::{DecisionCard, OfferedLine, RatingRow, ReviewVm};
use super::views::sentence_case;
use super::views::session::{Bubble, InventoryPerson, SessionVm, Speaker};
use crate::report::progress::ProgressReport;
use crate::supervision::review::{self, Opened, Review};

/// The library: a card per loaded scenario with its best and last finished score, and a
/// problem per file that failed to load.
pub fn library_vm(scenarios: &[Checked], records: &[AttemptRecord]) -> LibraryVm {
    let mut vm = LibraryVm::default();
    for checked in scenarios {
        match (
            &checked.scenario,
            checked.diagnostics.iter().find(|d| d.is_error()),
        ) {
            (Some(s), _) => {
                let mine = || records.iter().filter(|r| r.scenario == s.id);
                // Scores made under older scoring rules are not comparable with today's.
                let scores: Vec<u8> = mine()
                    .filter(|r| r.finished && !r.scored_under_older_rules())
                    .filter_map(|r| r.scorecard.as_ref().map(|c| c.percent))
                    .collect();
                vm.cards.push(Card {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    client: format!("{}, {}", s.client.name, s.client.age),
                    complaint: s.client.presenting_complaint.clone(),
                    difficulty: s.client.difficulty,
                    best: scores.iter().copied().max(),
                    last: scores.last().copied(),
                    finished: scores.len(),
                    unfinished: mine().any(|r| !r.finished),
                });
            }
            (None, Some(error)) => vm.problems.push(Problem {
                file: checked.file.clone(),
                place: format!("{}:{}", error.line, error.column),
                message: format!("error[{}]: {}", error.code.as_str(), error.message),
            }),
            (None, None) => {}
        }
    }
    vm
}

/// The briefing: the referral note and how the attempt can begin.
pub fn briefing_vm(
    scenario: &Scenario,
    mode: Mode,
    resumable: Option<&AttemptRecord>,
    problem: Option<String>,
) -> BriefingVm {
    let client = &scenario.client;
    let who = [
        client.name.clone(),
        client.age.to_string(),
        client.gender.clone(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    BriefingVm {
        title: scenario.title.clone(),
        client: who,
        complaint: client.presenting_complaint.clone(),
        background: client.background.clone(),
        difficulty: format!("{:?}", client.difficulty),
        course: plural(scenario.course.time_limit.into(), "session"),
        mode,
        resumable: resumable.map(|r| {
            format!(
                "An unfinished attempt ({:?} mode) is saved after {}.",
                r.mode,
                plural(r.steps.len(), "answer")
            )
        }),
        problem,
    }
}

/// The transcript as the trainee reads it.
pub fn bubbles(scenario: &Scenario, events: &[Event]) -> Vec<Bubble> {
    events.iter().map(|e| bubble(scenario, e)).collect()
}

fn bubble(scenario: &Scenario, event: &Event) -> Bubble {
    let note = |text: String| Bubble {
        speaker: Speaker::Note,
        who: None,
        text,
        aside: None,
    };
    match event {
        Event::SessionStart {
            number,
            phase,
            symptoms,
        } => note(format!(
            "Session {number} of {}, {} phase · symptom score {symptoms} of {}",
            scenario.course.time_limit,
            phase.label(),
            crate::scenario::model::SYMPTOMS_MAX
        )),
        Event::Client {
            text,
            affect,
            speaker,
            ..
        } => Bubble {
            speaker: Speaker::Client,
            who: speaker.clone(),
            text: text.clone(),
            // Only a change from neutral is worth a line: the face shows the rest.
            aside: (*affect != Affect::Neutral).then(|| {
                format!(
                    "{} looks {}",
                    speaker
                        .as_deref()
                        .unwrap_or_else(|| first_name(&scenario.client.name)),
                    format!("{affect:?}").to_lowercase()
                )
            }),
        },
        Event::Trainee { text, written, .. } => Bubble {
            speaker: Speaker::Trainee,
            who: None,
            text: text.clone(),
            aside: written
                .as_ref()
                .map(|w| format!("You first wrote: \"{w}\"")),
        },
        Event::Formulation { area, ticked } => note(format!(
            "You formulated the problem area as {} ({} supporting).",
            area.label(),
            plural(ticked.len(), "statement")
        )),
        Event::Ended { text, .. } => note(format!("The course has ended. {text}")),
    }
}

/// Everyone the client has talked about so far, at the closeness they were last placed.
pub fn inventory(events: &[Event]) -> Vec<InventoryPerson> {
    let mut people: Vec<InventoryPerson> = Vec::new();
    for event in events {
        if let Event::Client {
            person: Some(p), ..
        } = event
        {
            match people.iter_mut().find(|known| known.name == p.name) {
                Some(known) => {
                    known.closeness = p.closeness;
                    known.relation.clone_from(&p.relation);
                }
                None => people.push(InventoryPerson {
                    name: p.name.clone(),
                    relation: p.relation.clone(),
                    closeness: p.closeness,
                }),
            }
        }
    }
    people
}

/// The symptom score measured at each session start.
pub fn symptoms(events: &[Event]) -> Vec<(u8, i32)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::SessionStart {
                number, symptoms, ..
            } => Some((*number, *symptoms)),
            _ => None,
        })
        .collect()
}

/// "Session 3 of 12, initial phase" and "9 sessions remaining".
pub fn header(attempt: &Attempt) -> (String, String) {
    session_heading(attempt, attempt.engine.session())
}

/// The heading of a session, and how many remain after it.
fn session_heading(attempt: &Attempt, session: Option<(u8, Phase)>) -> (String, String) {
    let limit = attempt.engine.scenario().course.time_limit;
    match session {
        Some((number, phase)) => {
            let left = usize::from(limit.saturating_sub(number));
            let remaining = match left {
                0 => "the last session".to_owned(),
                n => format!("{} remaining", plural(n, "session")),
            };
            (
                format!("Session {number} of {limit}, {} phase", phase.label()),
                remaining,
            )
        }
        None => (format!("A course of {limit} sessions"), String::new()),
    }
}

/// What the session screen shows for the current prompt. `written` and `revealed` are the
/// trainee's draft, kept by the screen between frames.
pub fn session_vm(
    attempt: &Attempt,
    write_first: bool,
    revealed: bool,
    written: String,
) -> SessionVm {
    let engine = &attempt.engine;
    let scenario = engine.scenario();
    let (header, remaining) = header(attempt);
    let (prompt, options) = match engine.prompt() {
        Prompt::Choose {
            prompt, options, ..
        } => (
            prompt.clone(),
            options.iter().map(|o| o.text.clone()).collect(),
        ),
        _ => (String::new(), Vec::new()),
    };
    SessionVm {
        header,
        remaining,
        client: scenario.client.name.clone(),
        transcript: bubbles(scenario, &engine.transcript),
        prompt,
        options,
        write_first,
        revealed,
        written,
        inventory: inventory(&engine.transcript),
        symptoms: symptoms(&engine.transcript),
        sessions: scenario.course.time_limit,
        symptoms_max: crate::scenario::model::SYMPTOMS_MAX,
        warning: attempt.unsaved.clone(),
        avatar: None,
    }
}

/// What the formulation screen shows; `None` when the course does not wait for one.
pub fn formulation_vm(
    attempt: &Attempt,
    area: Option<crate::scenario::model::ProblemArea>,
    ticked: &[bool],
) -> Option<FormulationVm> {
    let engine = &attempt.engine;
    let Prompt::Formulate {
        prompt, statements, ..
    } = engine.prompt()
    else {
        return None;
    };
    Some(FormulationVm {
        header: header(attempt).0,
        client: engine.scenario().client.name.clone(),
        prompt: prompt.clone(),
        statements: statements.iter().map(|s| s.text.clone()).collect(),
        area,
        ticked: (0..statements.len())
            .map(|i| ticked.get(i).copied().unwrap_or(false))
            .collect(),
        inventory: inventory(&engine.transcript),
        warning: attempt.unsaved.clone(),
    })
}

/// What one piece of evidence did, as the trainee reads it.
pub fn marks(earned: &[Earned]) -> Vec<Mark> {
    earned.iter().map(mark).collect()
}

fn mark(earned: &Earned) -> Mark {
    use crate::scenario::model::Evidence;
    let points = earned.points();
    let title = rubric::find(earned.evidence.item()).map_or(earned.evidence.item(), |i| i.title);
    let word = match (&earned.evidence, earned.counts) {
        (_, false) => "void",
        (Evidence::Full(_), _) => "done",
        (Evidence::Partial(_), _) => "partly done",
        (Evidence::Against(_), _) => "against",
    };
    // A mark the risk rule added carries its own reason; a changed or voided one, the rule.
    let note = match (&earned.rule, earned.by.as_str()) {
        (Some(rule), _) if rule == scoring::rules::RISK_RULE => earned.rationale.clone(),
        (Some(rule), _) => Some(rule.clone()),
        (None, _) => None,
    };
    Mark {
        item: title.to_owned(),
        verdict: format!("{points:+} {word}"),
        good: points > 0,
        note,
    }
}

/// The feedback on the last answer: the transcript event it answered and what it earned.
pub fn feedback_vm(attempt: &Attempt) -> Option<FeedbackVm> {
    let engine = &attempt.engine;
    let (index, feedback) = engine.feedback.last()?;
    let said = engine.transcript.get(*index).map(|e| match e {
        Event::Trainee { text, .. } => text.clone(),
        Event::Formulation { area, .. } => format!("The problem area is {}.", area.label()),
        _ => String::new(),
    })?;
    let Feedback {
        earned,
        rationale,
        expert,
    } = feedback;
    // The session the answer was given in: the engine may already have moved on to the next.
    let given_in = engine.transcript.get(..*index).and_then(|before| {
        before.iter().rev().find_map(|e| match e {
            Event::SessionStart { number, phase, .. } => Some((*number, *phase)),
            _ => None,
        })
    });
    Some(FeedbackVm {
        header: format!("Feedback · {}", session_heading(attempt, given_in).0),
        said,
        marks: marks(earned),
        rationale: rationale.clone(),
        expert: expert.clone(),
    })
}

/// What the trainee said that earned a piece of evidence: the choice's text, or the
/// formulation.
fn said_by(scenario: &Scenario, by: &str) -> String {
    scenario
        .course
        .sessions
        .iter()
        .flat_map(|s| &s.nodes)
        .find_map(|node| match node {
            Node::Trainee(turn) => turn
                .choices
                .iter()
                .find(|c| c.id == by)
                .map(|c| format!("you said \"{}\"", c.text)),
            Node::Formulation(f) if f.id == by => Some("your formulation".to_owned()),
            _ => None,
        })
        .unwrap_or_else(|| by.to_owned())
}

/// The debrief of an attempt, finished or not: the scorecard so far, by phase, and the
/// transcript annotated with the feedback on every answer.
pub fn debrief_vm(
    attempt: &Attempt,
    section: Section,
    review: Option<&Review>,
    notice: Option<String>,
) -> DebriefVm {
    let engine = &attempt.engine;
    let scenario = engine.scenario();
    let card = engine.scorecard();
    let (ratings, calibration) = ratings_and_calibration(&card, review);
    let mut groups: Vec<PhaseGroup> = Vec::new();
    for item in &card.items {
        let Some(info) = rubric::find(&item.item) else {
            continue;
        };
        let label = sentence_case(info.group.label());
        if groups.last().is_none_or(|g| g.label != label) {
            groups.push(PhaseGroup {
                label,
                items: Vec::new(),
            });
        }
        let row = ItemRow {
            title: info.title.to_owned(),
            earns: info.earns.to_owned(),
            points: item.points,
            rating: item.rating.label().to_owned(),
            evidence: item
                .evidence
                .iter()
                .map(|e| EvidenceLine {
                    text: format!(
                        "Session {}: {}: {}",
                        e.session,
                        said_by(scenario, &e.by),
                        mark(e).verdict
                    ),
                    why: match &e.rule {
                        Some(rule) if rule != scoring::rules::RISK_RULE => Some(format!(
                            "{} {rule}",
                            e.rationale.as_deref().unwrap_or_default()
                        )),
                        _ => e.rationale.clone(),
                    },
                    expert: e.expert.clone(),
                })
                .collect(),
        };
        if let Some(group) = groups.last_mut() {
            group.items.push(row);
        }
    }
    let transcript = engine
        .transcript
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let feedback = engine
                .feedback
                .iter()
                .find(|(at, _)| *at == i)
                .map(|(_, f)| f);
            AnnotatedLine {
                bubble: bubble(scenario, event),
                marks: feedback.map(|f| marks(&f.earned)).unwrap_or_default(),
                rationale: feedback.and_then(|f| f.rationale.clone()),
                expert: feedback.and_then(|f| f.expert.clone()),
            }
        })
        .collect();
    let ending = match engine.prompt() {
        Prompt::Ended { kind, text } => format!("The course ended ({kind:?}): {text}"),
        _ => "The course is not finished: this is the score so far.".to_owned(),
    };
    DebriefVm {
        title: scenario.title.clone(),
        client: first_name(&scenario.client.name).to_owned(),
        verdict: if card.passed { "PASS" } else { "NOT YET" }.to_owned(),
        passed: card.passed,
        overall: format!(
            "{}% overall ({})",
            card.percent,
            scoring::points_in_words(card.total, card.full, 0)
        ),
        gates: crate::report::attempt::gate_rows(&card),
        ending,
        rescored: attempt.record.scored_under_older_rules().then(|| {
            format!(
                "This attempt was first scored under scoring v{}{}; it is shown here under \
                 today's rules (v{}), which measure the skill more strictly.",
                attempt.record.scoring,
                attempt
                    .record
                    .scorecard
                    .as_ref()
                    .map(|c| format!(
                        " ({}%, {})",
                        c.percent,
                        if c.passed { "PASS" } else { "NOT YET" }
                    ))
                    .unwrap_or_default(),
                scoring::VERSION
            )
        }),
        to_work_on: card.to_work_on(),
        groups,
        transcript,
        section,
        saved: attempt.saved_at.as_ref().map(|p| p.display().to_string()),
        unsaved: attempt.unsaved.clone(),
        ratings,
        calibration,
        notice,
    }
}

/// The rubric items of a scorecard rated three ways, for the review and the debrief.
pub fn rating_rows(card: &scoring::Scorecard, review: Option<&Review>) -> Vec<RatingRow> {
    review::three_way(card, review)
}

/// The ratings rows and the calibration sentence drawn from them, computed once.
fn ratings_and_calibration(
    card: &scoring::Scorecard,
    review: Option<&Review>,
) -> (Vec<RatingRow>, Option<String>) {
    let rows = rating_rows(card, review);
    let calibration = review::calibration(&rows).map(review::Calibration::sentence);
    (rows, calibration)
}

/// What the review screen shows of an opened attempt at `page` (a decision, or the whole
/// attempt after the last one).
pub fn review_vm(opened: &Opened, page: usize, status: String) -> ReviewVm {
    let scenario = &opened.scenario;
    let record = &opened.record;
    let client = first_name(&scenario.client.name).to_owned();
    let decisions = opened.decisions.len();
    let decision = opened.decisions.get(page).map(|d| DecisionCard {
        heading: format!(
            "Decision {} of {decisions} · session {}, {} phase · {:.0} s",
            page + 1,
            d.session,
            d.phase.label(),
            d.took_ms as f64 / 1000.0
        ),
        context: d
            .context
            .iter()
            .filter_map(|e| match e {
                Event::SessionStart { .. } => Some((String::new(), bubble(scenario, e).text)),
                Event::Client { text, speaker, .. } => Some((
                    speaker.clone().unwrap_or_else(|| client.clone()),
                    text.clone(),
                )),
                _ => None,
            })
            .collect(),
        prompt: d.prompt.clone(),
        options: d
            .offered
            .iter()
            .map(|o| OfferedLine {
                text: o.text.clone(),
                chosen: o.chosen,
                expert: o.expert,
            })
            .collect(),
        formulation: d.is_formulation().then(|| d.said.clone()),
        written: d.written.clone(),
        marks: marks(&d.earned),
        rationale: d.rationale.clone(),
        expert: d.expert.clone(),
    });
    let card = &opened.card;
    let (ratings, calibration) = ratings_and_calibration(card, Some(&opened.review));
    ReviewVm {
        title: format!("Review: {}, {}", scenario.client.name, scenario.title),
        about: format!(
            "Trainee: {} · {} · {} · {} {}% · {}",
            crate::report::attempt::trainee_name(&record.trainee),
            crate::report::date(record.started_ms),
            crate::report::mode_label(record.mode),
            crate::report::verdict(card.passed),
            card.percent,
            plural(decisions, "decision")
        ),
        page: page.min(decisions),
        decisions,
        decision,
        comment: opened
            .review
            .comments
            .get(&page)
            .cloned()
            .unwrap_or_default(),
        overall: opened.review.overall.clone(),
        supervisor: opened.review.supervisor.clone(),
        ratings,
        calibration,
        status,
        problem: opened.problem.clone(),
    }
}

/// Copies what the supervisor edited on the review screen into the review; whether anything
/// changed.
pub fn apply_review_edits(review: &mut Review, vm: &ReviewVm) -> bool {
    let before = review.clone();
    if vm.decision.is_some() {
        review.set_comment(vm.page, &vm.comment);
    } else {
        review.overall.clone_from(&vm.overall);
        review.supervisor.clone_from(&vm.supervisor);
        for row in &vm.ratings {
            match row.supervisor {
                Some(rating) => review.supervisor_ratings.insert(row.item.clone(), rating),
                None => review.supervisor_ratings.remove(&row.item),
            };
        }
    }
    *review != before
}

/// The history of finished attempts and what to practise next, from the progress report.
pub fn history_vm(report: &ProgressReport, filter: Option<String>) -> HistoryVm {
    let mut scenarios: Vec<(String, String)> = Vec::new();
    for a in &report.attempts {
        if !scenarios.iter().any(|(id, _)| *id == a.scenario) {
            scenarios.push((a.scenario.clone(), a.client.clone()));
        }
    }
    scenarios.sort_by(|a, b| a.1.cmp(&b.1));
    HistoryVm {
        rows: report
            .attempts
            .iter()
            .map(|a| HistoryRow {
                id: a.id.clone(),
                scenario: a.scenario.clone(),
                date: a.started.clone(),
                client: a.client.clone(),
                mode: a.mode.to_owned(),
                verdict: a.verdict.to_owned(),
                passed: a.passed,
                percent: a.percent,
                headlines: a.by_headline().map(|h| h.map(|h| h.percent)),
                calibration: a.calibration.map(|c| c.percent()),
            })
            .collect(),
        scenarios,
        filter,
        next: report
            .practise_next
            .as_ref()
            .map(|n| (n.scenario.clone(), n.title.clone(), n.why.clone())),
        problem: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::check::check_bytes;
    use crate::scenario::model::{Affect, Person};
    use crate::scenario::validate::AssetRoot;

    #[test]
    fn cards_for_loaded_scenarios_and_a_problem_for_each_broken_file() {
        let good = crate::library::built_in();
        let broken = check_bytes("mine.ron", b"Scenario(", &AssetRoot::Embedded(&[]));
        let all: Vec<Checked> = good.iter().cloned().chain([broken]).collect();
        let vm = library_vm(&all, &[]);
        assert_eq!(vm.cards.len(), good.len());
        assert_eq!(vm.problems.len(), 1);
        assert_eq!(vm.problems[0].file, "mine.ron");
        assert!(vm.problems[0].message.starts_with("error[E0001]"));
        assert!(vm.cards.iter().all(|c| c.best.is_none() && !c.unfinished));
    }

    fn said(name: &str, closeness: u8) -> Event {
        Event::Client {
            line: "l".into(),
            text: "...".into(),
            affect: Affect::Neutral,
            person: Some(Person {
                name: name.into(),
                relation: "friend".into(),
                closeness,
            }),
            risk: None,
            speaker: None,
        }
    }

    #[test]
    fn the_inventory_lists_each_person_once_where_they_were_last_placed() {
        let people = inventory(&[said("Joyce", 3), said("Tom", 1), said("Joyce", 2)]);
        let placed: Vec<(&str, u8)> = people
            .iter()
            .map(|p| (p.name.as_str(), p.closeness))
            .collect();
        assert_eq!(placed, [("Joyce", 2), ("Tom", 1)]);
    }
}
