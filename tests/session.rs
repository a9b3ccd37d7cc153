//! The session engine and the scoring rubric over whole courses: the expert path scores near
//! full marks, each characteristic mistake loses in the right place, play is deterministic,
//! scores stay within `analyze`'s bounds, and a crash mid-course loses nothing.

#![expect(
    clippy::expect_used,
    reason = "test helpers stop loudly on a broken fixture"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ipt_trainer::analysis::analyze::analyze;
use ipt_trainer::cli::play::script;
use ipt_trainer::library::built_in;
use ipt_trainer::scenario::model::{Phase, Scenario};
use ipt_trainer::scoring::pass::Gate;
use ipt_trainer::scoring::rubric::Headline;
use ipt_trainer::scoring::{Rating, Scorecard};
use ipt_trainer::session::engine::{Engine, Prompt};
use ipt_trainer::session::record::AttemptRecord;
use ipt_trainer::session::store;
use proptest::prelude::*;

fn scenarios() -> Vec<Scenario> {
    built_in().into_iter().filter_map(|c| c.scenario).collect()
}

fn expert_answers(id: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/answers/{id}-expert.txt"));
    std::fs::read_to_string(&path)
        .expect("every built-in scenario has its expert path in tests/answers/ID-expert.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn play(scenario: &Scenario, answers: &[String]) -> Scorecard {
    let refs: Vec<&str> = answers.iter().map(String::as_str).collect();
    let engine = script(scenario, 1, &refs).expect("the answers fit the scenario");
    assert!(engine.is_finished(), "the answers end the course");
    engine.scorecard()
}

fn headline(card: &Scorecard, which: Headline) -> u8 {
    card.headlines
        .iter()
        .find(|h| h.headline == which)
        .expect("headline")
        .percent
}

/// Whether some line of the scenario discloses suicidal thoughts.
fn discloses_risk(scenario: &Scenario) -> bool {
    scenario.course.sessions.iter().flat_map(|s| &s.nodes).any(|n| {
        matches!(n, ipt_trainer::scenario::model::Node::Client(c) if c.lines.iter().any(|l| l.risk == Some(ipt_trainer::scenario::model::Risk::Disclosure)))
    })
}

/// Whether a gate of the pass rule was met.
fn gate_met(card: &Scorecard, gate: Gate) -> bool {
    card.gates
        .iter()
        .find(|g| g.gate == gate)
        .expect("every gate is reported")
        .passed
}

/// The characteristic mistakes of a scenario: each a kind and edits to the expert path.
fn mistakes(id: &str) -> Vec<(String, Vec<(String, String)>)> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/answers/{id}-mistakes.txt"));
    std::fs::read_to_string(&path)
        .expect("every built-in scenario has its mistakes in tests/answers/ID-mistakes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (kind, edits) = line.split_once(':').expect("`KIND: edits`");
            let edits = edits
                .split(" ; ")
                .map(|edit| {
                    let (from, to) = edit.split_once("=>").expect("`FROM => TO`");
                    (from.trim().to_owned(), to.trim().to_owned())
                })
                .collect();
            (kind.trim().to_owned(), edits)
        })
        .collect()
}

/// The expert answers with each edit applied: the answer starting with FROM becomes TO (or
/// is dropped when TO is empty).
fn edited(answers: &[String], edits: &[(String, String)]) -> Vec<String> {
    let mut out = answers.to_vec();
    for (from, to) in edits {
        let at = out
            .iter()
            .position(|a| a.starts_with(from.as_str()))
            .expect("the edit matches an expert answer");
        if to.is_empty() {
            out.remove(at);
        } else {
            out[at] = to.clone();
        }
    }
    out
}

#[test]
fn each_characteristic_mistake_loses_in_the_right_place() {
    for scenario in scenarios() {
        let expert = expert_answers(&scenario.id);
        let best = play(&scenario, &expert);
        let kinds: Vec<String> = mistakes(&scenario.id).into_iter().map(|(k, _)| k).collect();
        // A referral course is an assessment: its characteristic mistake is to start IPT.
        let required: &[&str] = if scenario.answer.is_referral() {
            &["no_referral", "ignore_risk"]
        } else {
            &[
                "wrong_area",
                "half_sick_role",
                "abrupt_ending",
                "ignore_risk",
            ]
        };
        for required in required {
            assert!(
                kinds.iter().any(|k| k == required),
                "{}: no {required} mistake",
                scenario.id
            );
        }
        for (kind, edits) in mistakes(&scenario.id) {
            let card = play(&scenario, &edited(&expert, &edits));
            let at = |h| headline(&card, h);
            let was = |h| headline(&best, h);
            let context = format!("{} {kind}", scenario.id);
            // The mistake shows in its own headline and leaves every other one as it was.
            let others_unchanged = |mistaken: Headline| {
                for h in Headline::ALL.into_iter().filter(|&h| h != mistaken) {
                    assert_eq!(at(h), was(h), "{context}: {h:?}");
                }
            };
            // Every characteristic mistake costs the verdict, or at least (a single late
            // mistake in a strong course) shows in its own headline, never hidden by an earlier
            // success.
            match kind.as_str() {
                "wrong_area" => {
                    // A wrong area, the tempting alternative included, fails its headline.
                    assert!(
                        at(Headline::ProblemArea) < was(Headline::ProblemArea),
                        "{context}"
                    );
                    assert!(
                        !gate_met(&card, Gate::Headline(Headline::ProblemArea)),
                        "{context}"
                    );
                    assert!(!card.passed, "{context}");
                    others_unchanged(Headline::ProblemArea);
                }
                "half_sick_role" => {
                    // Partial credit: one half of two, short of the headline's pass mark.
                    assert_eq!(at(Headline::SickRole), 50, "{context}");
                    assert!(!card.passed, "{context}");
                    others_unchanged(Headline::SickRole);
                }
                "abrupt_ending" => {
                    assert!(
                        at(Headline::Termination) < was(Headline::Termination),
                        "{context}"
                    );
                    // The goodbye is the last word on feelings about ending: whatever was said
                    // earlier, it shows as marked down.
                    let feelings = card.item("ending_feelings").expect("assessed");
                    assert!(feelings.points <= 0, "{context}: {}", feelings.points);
                    others_unchanged(Headline::Termination);
                }
                "ignore_risk" => {
                    let asked = |c: &Scorecard| c.item("risk_asked").map_or(0, |i| i.points);
                    assert!(asked(&card) < asked(&best), "{context}");
                    for h in Headline::ALL {
                        assert_eq!(at(h), was(h), "{context}: {h:?}");
                    }
                    // A cue or disclosure left unanswered fails the safety gate and the course,
                    // whatever else was earned; the debrief names it.
                    let unmet = card.risks.iter().any(|r| !r.met());
                    assert_eq!(unmet, !gate_met(&card, Gate::Safety), "{context}");
                    if unmet {
                        assert!(!card.passed, "{context}");
                    }
                    if discloses_risk(&scenario) {
                        assert!(unmet, "{context}: the cue before the disclosure was missed");
                    }
                }
                "wrong_stage" => {
                    // A dispute's stage misjudged: the Problem area headline shows it, the
                    // other headlines do not.
                    let stage = card.item("dispute_stage").expect("assessed");
                    assert_eq!(stage.rating, Rating::MarkedDown, "{context}");
                    assert!(
                        at(Headline::ProblemArea) < was(Headline::ProblemArea),
                        "{context}"
                    );
                    others_unchanged(Headline::ProblemArea);
                }
                "no_referral" => {
                    // IPT started where a referral was needed: the Problem area headline fails.
                    let referral = card.item("referral").expect("assessed");
                    assert_eq!(referral.rating, Rating::MarkedDown, "{context}");
                    assert!(
                        !gate_met(&card, Gate::Headline(Headline::ProblemArea)),
                        "{context}"
                    );
                    assert!(!card.passed, "{context}");
                }
                other => panic!("{context}: unknown mistake kind {other}"),
            }
        }
    }
}

#[test]
fn the_expert_path_scores_at_least_95_percent_everywhere() {
    for scenario in scenarios() {
        let card = play(&scenario, &expert_answers(&scenario.id));
        assert!(
            card.percent >= 95 && card.passed,
            "{}: {}%",
            scenario.id,
            card.percent
        );
        for h in Headline::ALL {
            assert!(
                headline(&card, h) >= 95,
                "{}: {h:?} {}%",
                scenario.id,
                headline(&card, h)
            );
        }
    }
}

/// Walks a scenario choosing by the numbers in `picks`, recycled: a random course.
fn random_course(scenario: &Scenario, seed: u64, picks: &[usize]) -> (Engine, AttemptRecord) {
    let mut engine = Engine::new(std::sync::Arc::new(scenario.clone()), seed).expect("starts");
    let mut record = AttemptRecord::start(
        scenario,
        seed,
        ipt_trainer::session::engine::Mode::Assessment,
    );
    let mut i = 0;
    while !engine.is_finished() && i < 1000 {
        let pick = picks[i % picks.len()];
        i += 1;
        let answer = match engine.prompt().clone() {
            Prompt::Choose { options, .. } => ipt_trainer::session::record::Answer::Choice {
                id: options[pick % options.len()].id.clone(),
                written: None,
            },
            Prompt::Formulate { statements, .. } => {
                ipt_trainer::session::record::Answer::Formulation {
                    area: ipt_trainer::scenario::model::ProblemArea::ALL[pick % 4],
                    ticked: statements
                        .iter()
                        .take(pick % 3)
                        .map(|s| s.id.clone())
                        .collect(),
                }
            }
            Prompt::Ended { .. } => break,
        };
        engine
            .answer(&answer)
            .expect("an offered answer is accepted");
        record.steps.push(ipt_trainer::session::record::Step {
            at_ms: 0,
            took_ms: 0,
            answer,
        });
    }
    (engine, record)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn replays_are_identical_and_scores_stay_within_the_analysis(seed in any::<u64>(), picks in prop::collection::vec(0..8usize, 1..20)) {
        for scenario in scenarios() {
            let (engine, record) = random_course(&scenario, seed, &picks);
            let (again, failed) = record
                .replay(std::sync::Arc::new(scenario.clone()))
                .expect("replays");
            prop_assert!(failed.is_none());
            prop_assert_eq!(&again.transcript, &engine.transcript);
            let card = engine.scorecard();
            prop_assert_eq!(&again.scorecard(), &card);
            if engine.is_finished() {
                let analysis = analyze(&scenario);
                prop_assert!(analysis.total.min <= card.total && card.total <= analysis.total.max);
                for item in &card.items {
                    if let Some(bounds) = analysis.items.iter().find(|b| b.item == item.item) {
                        prop_assert!(bounds.bounds.min <= item.points && item.points <= bounds.bounds.max, "{}", item.item);
                    }
                }
            }
        }
    }
}

#[test]
fn a_course_killed_mid_way_resumes_with_nothing_lost() {
    let data = tempfile::tempdir().expect("temp dir");
    let answers = expert_answers("grief-ruth");
    let binary = env!("CARGO_BIN_EXE_ipt-trainer");
    let mut child = Command::new(binary)
        .args(["play", "grief-ruth", "--seed", "3", "--mode", "assessment"])
        .env(store::DATA_ENV, data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("play starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let steps_saved = || {
        store::all(data.path())
            .first()
            .map_or(0, |(_, r)| r.steps.len())
    };
    for answer in &answers[..5] {
        // At a choice the terminal first asks what the trainee would say: skip it.
        let skip = if answer.starts_with("formulation:") {
            ""
        } else {
            "\n"
        };
        writeln!(stdin, "{skip}{answer}").expect("typed");
    }
    stdin.flush().expect("flushed");
    let deadline = Instant::now() + Duration::from_secs(30);
    while steps_saved() < 5 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // SIGKILL: no chance to clean up, as in a crash.
    child.kill().expect("killed");
    let _ = child.wait();
    assert_eq!(
        steps_saved(),
        5,
        "every answered step was on disk before the crash"
    );

    let rest = data.path().join("rest.txt");
    std::fs::write(&rest, answers[5..].join("\n")).expect("answers");
    let output = Command::new(binary)
        .args(["play", "grief-ruth", "--resume", "--answers"])
        .arg(&rest)
        .env(store::DATA_ENV, data.path())
        .output()
        .expect("resumes");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = store::all(data.path());
    assert_eq!(records.len(), 1, "the same attempt, resumed");
    let (path, record) = &records[0];
    assert!(record.finished && record.steps.len() == answers.len());
    let card = record.scorecard.as_ref().expect("scored");
    assert!(card.percent >= 95, "{}%", card.percent);
    let replay = Command::new(binary)
        .arg("replay")
        .arg(path)
        .output()
        .expect("replays");
    assert!(String::from_utf8_lossy(&replay.stdout).contains("Reproduced"));
}

#[test]
fn write_first_text_is_kept_beside_the_choice() {
    let ruth = scenarios()
        .into_iter()
        .find(|s| s.id == "grief-ruth")
        .expect("grief-ruth");
    let engine =
        script(&ruth, 5, &["r1-welcome-how | How have you been sleeping?"]).expect("plays");
    let written = engine.transcript.iter().find_map(|e| match e {
        ipt_trainer::session::engine::Event::Trainee {
            choice, written, ..
        } => Some((choice.clone(), written.clone())),
        _ => None,
    });
    assert_eq!(
        written,
        Some((
            "r1-welcome-how".to_owned(),
            Some("How have you been sleeping?".to_owned())
        ))
    );
}

#[test]
fn every_built_in_scenario_can_reach_its_full_score_with_no_dead_nodes() {
    for scenario in scenarios() {
        let analysis = analyze(&scenario);
        assert!(
            analysis.off_path.is_empty(),
            "{}: {:?}",
            scenario.id,
            analysis.off_path
        );
        // The highest total a real path reaches (the bound itself when it is exact).
        let reached = if analysis.total.exact {
            analysis.total.max
        } else {
            analysis.total.reached.map_or(i64::MIN, |(_, high)| high)
        };
        assert_eq!(reached, analysis.full_score, "{}", scenario.id);
    }
}

#[test]
fn the_library_covers_every_problem_area_twice_with_courses_of_40_to_120_nodes() {
    use ipt_trainer::scenario::model::ProblemArea;
    let all = scenarios();
    assert!(all.len() >= 8);
    for area in ProblemArea::ALL {
        let count = all.iter().filter(|s| s.answer.problem_area == area).count();
        assert!(count >= 2, "{area:?}: {count}");
    }
    // A referral course is one assessment, not a course: it is held to its own shape.
    for scenario in all.iter().filter(|s| !s.answer.is_referral()) {
        let nodes = analyze(scenario).nodes;
        assert!(
            (40..=120).contains(&nodes),
            "{}: {nodes} nodes",
            scenario.id
        );
        let phases: Vec<_> = scenario.course.sessions.iter().map(|s| s.phase).collect();
        for phase in [Phase::Initial, Phase::Middle, Phase::Termination] {
            assert!(
                phases.contains(&phase),
                "{}: no {phase:?} session",
                scenario.id
            );
        }
        assert!(
            !scenario.answer.alternatives.is_empty(),
            "{}: name the tempting wrong area",
            scenario.id
        );
    }
    let risky = all.iter().filter(|s| discloses_risk(s)).count();
    assert!(
        risky >= 1,
        "at least one client discloses suicidal thoughts"
    );
}

/// An attempt saves after every answer, finishes with its scorecard, and a failed save is
/// reported without stopping the course.
#[test]
fn an_attempt_saves_every_answer_and_reports_a_failed_save() {
    use ipt_trainer::session::attempt::Attempt;
    use ipt_trainer::session::engine::Mode;
    use std::sync::Arc;

    let scenario = Arc::new(
        scenarios()
            .into_iter()
            .find(|s| s.id == "grief-leila")
            .expect("built in"),
    );
    let data = tempfile::tempdir().expect("temp dir");
    let mut attempt = Attempt::start(
        Arc::clone(&scenario),
        3,
        Mode::Assessment,
        Some(data.path().to_path_buf()),
    )
    .expect("starts");
    attempt
        .expert_until("l2-formulation")
        .expect("on the expert path");
    assert!(
        matches!(attempt.engine.prompt(), Prompt::Formulate { node, .. } if node == "l2-formulation")
    );
    let saved = store::all(data.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].1, attempt.record, "saved after the last answer");
    assert!(!saved[0].1.finished);

    attempt.expert_until("end").expect("reaches the end");
    let saved = store::all(data.path());
    assert!(saved[0].1.finished);
    assert_eq!(saved[0].1.scorecard, Some(attempt.engine.scorecard()));
    assert!(attempt.expert_until("nowhere").is_err());

    // A data folder that is a file: the answer still counts, the problem is reported.
    let blocked = data.path().join("a-file");
    std::fs::write(&blocked, "not a folder").expect("write");
    let mut attempt = Attempt::start(scenario, 3, Mode::Practice, Some(blocked)).expect("starts");
    let answer = attempt.engine.expert_answer().expect("an answer");
    attempt.answer(answer).expect("accepted");
    assert_eq!(attempt.record.steps.len(), 1);
    assert!(attempt.unsaved.is_some());
}

/// The formulation is scored on the statements ticked as well as the area: the right area
/// with the statements that support it is full; without them, or with a distractor, partial.
#[test]
fn the_formulation_is_scored_on_its_supporting_statements_too() {
    use ipt_trainer::scenario::model::Evidence;
    use ipt_trainer::scenario::model::Node;
    use ipt_trainer::session::engine::Mode;

    for scenario in scenarios().into_iter().filter(|s| !s.answer.is_referral()) {
        let shared = std::sync::Arc::new(scenario.clone());
        let to_formulation = || {
            let mut attempt = ipt_trainer::session::attempt::Attempt::start(
                std::sync::Arc::clone(&shared),
                5,
                Mode::Practice,
                None,
            )
            .expect("starts");
            while !matches!(attempt.engine.prompt(), Prompt::Formulate { .. }) {
                let answer = attempt.engine.expert_answer().expect("expert");
                attempt.answer(answer).expect("accepted");
            }
            attempt
        };
        let attempt = to_formulation();
        let Some(Node::Formulation(f)) = attempt.engine.current_node() else {
            panic!("{}: not at a formulation", scenario.id);
        };
        let right = scenario.answer.problem_area;
        let supporting: Vec<String> = f
            .statements
            .iter()
            .filter(|s| s.supports.contains(&right))
            .map(|s| s.id.clone())
            .collect();
        let distractor = f
            .statements
            .iter()
            .find(|s| !s.supports.contains(&right))
            .map(|s| s.id.clone());
        let evidence_for = |ticked: Vec<String>| {
            let mut attempt = to_formulation();
            let feedback = attempt.engine.formulate(right, &ticked).expect("accepted");
            (feedback.earned[0].evidence.clone(), feedback.expert)
        };
        let (full, no_correction) = evidence_for(supporting.clone());
        assert!(matches!(full, Evidence::Full(_)), "{}", scenario.id);
        assert!(no_correction.is_none());
        let (bare, correction) = evidence_for(Vec::new());
        assert!(matches!(bare, Evidence::Partial(_)), "{}", scenario.id);
        assert!(correction.is_some_and(|c| c.contains("because")));
        if let Some(distractor) = distractor {
            let mut with_stray = supporting.clone();
            with_stray.push(distractor);
            assert!(matches!(evidence_for(with_stray).0, Evidence::Partial(_)));
        }
    }
}

#[test]
fn a_parent_speaks_in_their_own_name_and_the_transcript_says_so() {
    // IPT-A: Ruby's mother joins some sessions; her lines carry her name, not Ruby's.
    let ruby = scenarios()
        .into_iter()
        .find(|s| s.id == "dispute-ruby")
        .expect("dispute-ruby");
    let answers = expert_answers("dispute-ruby");
    let lines: Vec<&str> = answers.iter().map(String::as_str).collect();
    let engine = script(&ruby, 3, &lines).expect("plays");
    let speakers: Vec<Option<String>> = engine
        .transcript
        .iter()
        .filter_map(|e| match e {
            ipt_trainer::session::engine::Event::Client { speaker, .. } => Some(speaker.clone()),
            _ => None,
        })
        .collect();
    assert!(speakers.iter().any(|s| s.as_deref() == Some("Kerry (Mum)")));
    assert!(speakers.iter().any(Option::is_none), "Ruby speaks too");
    let text = ipt_trainer::report::text::transcript(&ruby, &engine.transcript);
    assert!(
        text.contains("Kerry (Mum): She won't talk to me."),
        "{text}"
    );
}
