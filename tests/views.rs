//! The egui views, driven by label with egui_kittest over view-models built from real
//! courses: click an option, write first, complete a formulation, move through the debrief,
//! search the library.
#![cfg(feature = "app")]
#![expect(clippy::expect_used, reason = "a test fails loudly")]

use std::sync::Arc;

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ipt_trainer::app::view_models::{
    debrief_vm, feedback_vm, formulation_vm, library_vm, session_vm,
};
use ipt_trainer::app::views::Action;
use ipt_trainer::app::views::debrief::{Section, debrief_view};
use ipt_trainer::app::views::formulation::{FormulationVm, formulation_view, statement_key};
use ipt_trainer::app::views::library::library_view;
use ipt_trainer::app::views::session::session_view;
use ipt_trainer::library::built_in;
use ipt_trainer::scenario::model::{Node, Scenario};
use ipt_trainer::session::attempt::Attempt;
use ipt_trainer::session::engine::{Mode, Prompt};
use ipt_trainer::session::record::Answer;

fn scenario(id: &str) -> Arc<Scenario> {
    let scenario = built_in()
        .into_iter()
        .filter_map(|c| c.scenario)
        .find(|s| s.id == id)
        .expect("a built-in scenario");
    Arc::new(scenario)
}

/// A practice attempt played with expert answers up to (not including) the first prompt
/// that `stop` accepts.
fn attempt_until(id: &str, stop: impl Fn(&Prompt) -> bool) -> Attempt {
    let mut attempt = Attempt::start(scenario(id), 7, Mode::Practice, None).expect("starts");
    while !stop(attempt.engine.prompt()) {
        let answer = attempt.engine.expert_answer().expect("an expert answer");
        attempt.answer(answer).expect("accepted");
    }
    attempt
}

/// A harness over a view that edits its view-model in place, keeping the last action asked.
fn harness<'a, Vm: 'a>(
    vm: Vm,
    view: fn(&mut egui::Ui, &mut Vm) -> Option<Action>,
) -> Harness<'a, (Vm, Option<Action>)> {
    Harness::new_ui_state(
        move |ui, (vm, asked): &mut (Vm, Option<Action>)| {
            if let Some(action) = view(ui, vm) {
                *asked = Some(action);
            }
        },
        (vm, None),
    )
}

#[test]
fn clicking_an_option_by_its_label_chooses_it() {
    let attempt = attempt_until("grief-ruth", |p| matches!(p, Prompt::Choose { .. }));
    let vm = session_vm(&attempt, false, false, String::new());
    let second = vm.options[1].clone();
    let mut harness = harness(vm, session_view);
    harness.get_by_label(&format!("2. {second}")).click();
    harness.run();
    assert_eq!(harness.state().1, Some(Action::Choose(1)));
    // The header says where the course stands.
    let header = harness.state().0.header.clone();
    assert!(header.starts_with("Session 1 of"), "{header}");
    harness.get_by_label(&header);
}

#[test]
fn writing_first_shows_the_box_and_hides_the_options() {
    let attempt = attempt_until("grief-ruth", |p| matches!(p, Prompt::Choose { .. }));
    let vm = session_vm(&attempt, true, false, String::new());
    let first = vm.options[0].clone();
    let mut harness = harness(vm, session_view);
    assert!(harness.query_by_label(&format!("1. {first}")).is_none());
    harness
        .get_by_label("In your own words (optional):")
        .focus();
    harness.run();
    harness
        .get_by_label("In your own words (optional):")
        .type_text("It sounds like a heavy loss.");
    harness.run();
    harness.get_by_label("Show the options  (Enter)").click();
    harness.run();
    assert_eq!(harness.state().0.written, "It sounds like a heavy loss.");
    assert_eq!(harness.state().1, Some(Action::Reveal));
}

#[test]
fn a_formulation_completed_by_label_is_scored_as_the_right_area() {
    let mut attempt = attempt_until("dispute-beatrice", |p| {
        matches!(p, Prompt::Formulate { .. })
    });
    let vm = formulation_vm(&attempt, None, &[]).expect("waits for a formulation");
    let right = attempt.engine.scenario().answer.problem_area;
    let supporting: Vec<usize> = match (attempt.engine.prompt(), attempt.engine.current_node()) {
        (Prompt::Formulate { statements, .. }, Some(Node::Formulation(f))) => statements
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                f.statements
                    .iter()
                    .any(|t| t.id == s.id && t.supports.contains(&right))
            })
            .map(|(i, _)| i)
            .collect(),
        _ => panic!("not at a formulation"),
    };
    // A tiny reducer stands in for the screen's system.
    let mut harness = Harness::new_ui_state(
        |ui, (vm, done): &mut (FormulationVm, bool)| match formulation_view(ui, vm) {
            Some(Action::PickArea(area)) => vm.area = Some(area),
            Some(Action::Tick(i)) => vm.ticked[i] = !vm.ticked[i],
            Some(Action::Formulate) => *done = true,
            _ => {}
        },
        (vm, false),
    );
    let n = ipt_trainer::scenario::model::ProblemArea::ALL
        .iter()
        .position(|a| *a == right)
        .expect("an area")
        + 1;
    harness
        .get_by_label(&format!(
            "{}  ({n})",
            ipt_trainer::app::views::sentence_case(right.label())
        ))
        .click();
    harness.run();
    for i in &supporting {
        let text = harness.state().0.statements[*i].clone();
        harness
            .get_by_label(&format!("{}. {text}", statement_key(*i)))
            .click();
        harness.run();
    }
    harness
        .get_by_label("Confirm the formulation  (Enter)")
        .click();
    harness.run();
    let (vm, done) = harness.into_state();
    assert!(done);
    assert_eq!(vm.area, Some(right));
    let Prompt::Formulate { statements, .. } = attempt.engine.prompt().clone() else {
        panic!("not at a formulation");
    };
    let ticked = statements
        .iter()
        .zip(&vm.ticked)
        .filter(|(_, on)| **on)
        .map(|(s, _)| s.id.clone())
        .collect();
    let feedback = attempt
        .answer(Answer::Formulation {
            area: vm.area.expect("area"),
            ticked,
        })
        .expect("accepted");
    assert!(
        feedback.expert.is_none(),
        "the right area needs no correction"
    );
}

#[test]
fn the_debrief_moves_through_its_sections_by_label() {
    let attempt = attempt_until("transition-oksana", |p| matches!(p, Prompt::Ended { .. }));
    let vm = debrief_vm(&attempt, Section::Summary, None, None);
    let mut harness = Harness::new_ui_state(
        |ui, vm: &mut ipt_trainer::app::views::debrief::DebriefVm| {
            if let Some(Action::ShowSection(section)) = debrief_view(ui, vm) {
                vm.section = section;
            }
        },
        vm,
    );
    harness.get_by_label("PASS");
    harness.get_by_label("Sick role");
    harness.get_by_label("Rubric by phase  (2)").click();
    harness.run();
    assert_eq!(harness.state().section, Section::Rubric);
    harness.get_by_label("Initial phase");
    harness.get_by_label("Annotated transcript  (3)").click();
    harness.run();
    assert_eq!(harness.state().section, Section::Transcript);
    assert!(harness.query_all_by_label_contains("done").count() > 0);
}

#[test]
fn the_library_searches_filters_and_opens_without_naming_the_area() {
    let vm = library_vm(&built_in(), &[]);
    let mut harness = harness(vm, library_view);
    harness.get_by_label("Search:").focus();
    harness.run();
    harness.get_by_label("Search:").type_text("retired nurse");
    harness.run();
    let found: Vec<String> = harness
        .state()
        .0
        .visible()
        .iter()
        .map(|c| c.title.clone())
        .collect();
    assert_eq!(found, ["A retired nurse who stopped singing"]);
    harness.state_mut().0.search.clear();
    harness.run();
    // The filter comes before the cards, which name their difficulty too.
    harness
        .get_all_by_label("Advanced")
        .next()
        .expect("the filter")
        .click();
    harness.run();
    let advanced = harness.state().0.visible().len();
    assert!(advanced > 0 && advanced < harness.state().0.cards.len());
    harness.get_by_label("All").click();
    harness.run();
    let first = harness.state().0.visible()[0].clone();
    harness.get_by_label(&first.title).click();
    harness.run();
    assert_eq!(harness.state().1, Some(Action::Open(first.id.clone())));
    for card in &harness.state().0.cards {
        for area in ["grief", "dispute", "transition", "deficit"] {
            assert!(
                !card.title.to_lowercase().contains(area),
                "{} gives the area away",
                card.title
            );
        }
    }
}

#[test]
fn feedback_names_the_session_the_answer_was_given_in() {
    // The last decision of Ruth's first session: after it the engine is already in session 2.
    let mut attempt = attempt_until(
        "grief-ruth",
        |p| matches!(p, Prompt::Choose { node, .. } if node == "r1-when"),
    );
    let answer = attempt.engine.expert_answer().expect("an expert answer");
    attempt.answer(answer).expect("accepted");
    assert!(
        attempt
            .engine
            .session()
            .is_some_and(|(number, _)| number == 2),
        "the engine has moved on"
    );
    let vm = feedback_vm(&attempt).expect("feedback");
    assert!(vm.header.contains("Session 1 of 12"), "{}", vm.header);
}

/// A finished practice attempt at a built-in course, saved in `data`, opened for review.
fn opened_for_review(id: &str, data: &std::path::Path) -> ipt_trainer::supervision::review::Opened {
    let mut attempt =
        Attempt::start(scenario(id), 7, Mode::Practice, Some(data.to_path_buf())).expect("starts");
    while !attempt.engine.is_finished() {
        let answer = attempt.engine.expert_answer().expect("an expert answer");
        attempt.answer(answer).expect("accepted");
    }
    let path = attempt.saved_at.clone().expect("saved");
    ipt_trainer::supervision::review::Opened::open(&path, |want| (want == id).then(|| scenario(id)))
        .expect("opens")
}

#[test]
fn a_supervisor_steps_through_comments_and_rates_by_label() {
    use ipt_trainer::app::view_models::{apply_review_edits, review_vm};
    use ipt_trainer::app::views::review::review_view;
    use ipt_trainer::scoring::Rating;

    let data = tempfile::tempdir().expect("temp");
    let mut opened = opened_for_review("grief-ruth", data.path());
    let vm = review_vm(&opened, 0, String::new());
    let card = vm.decision.clone().expect("the first decision");
    assert!(
        card.heading.starts_with("Decision 1 of"),
        "{}",
        card.heading
    );
    assert!(card.options.len() >= 3 && card.options.iter().any(|o| o.chosen));
    let mut harness = harness(vm, review_view);
    // The first option, numbered as it was shown, with its tags.
    harness.get_by_label_contains(&format!("1. {}", card.options[0].text));
    harness.get_by_label("Next  (PgDn)").click();
    harness.run();
    assert_eq!(harness.state().1, Some(Action::Step(1)));

    // A comment typed on the decision goes into the review.
    harness
        .get_by_label("Your comment on this decision:")
        .focus();
    harness.run();
    harness.state_mut().0.comment = "Ask about means here.".into();
    let vm = harness.state().0.clone();
    assert!(apply_review_edits(&mut opened.review, &vm));
    assert_eq!(opened.review.comment(0), Some("Ask about means here."));
    assert!(!apply_review_edits(&mut opened.review, &vm), "nothing new");

    // The whole attempt: rate the first item by clicking its label.
    let whole = review_vm(&opened, usize::MAX, String::new());
    assert!(whole.on_whole_attempt() && whole.decision.is_none());
    let mut harness = self::harness(whole, review_view);
    harness.get_by_label("The rubric, rated three ways");
    harness
        .query_all_by_label("partial")
        .next()
        .expect("a rating button")
        .click();
    harness.run();
    let vm = harness.state().0.clone();
    assert_eq!(vm.ratings[0].supervisor, Some(Rating::Partial));
    assert!(apply_review_edits(&mut opened.review, &vm));
    assert_eq!(
        opened.review.supervisor_ratings.get(&vm.ratings[0].item),
        Some(&Rating::Partial)
    );
    opened.save().expect("saved beside the record");
}

#[test]
fn the_self_rating_is_made_by_label_before_the_score() {
    use ipt_trainer::app::view_models::rating_rows;
    use ipt_trainer::app::views::review::self_rating_view;
    use ipt_trainer::scoring::Rating;

    let attempt = attempt_until("grief-ruth", |p| matches!(p, Prompt::Ended { .. }));
    let rows = rating_rows(&attempt.engine.scorecard(), None);
    let mut harness = harness(rows, |ui, rows: &mut Vec<_>| self_rating_view(ui, rows));
    assert!(
        harness.query_by_label("PASS").is_none(),
        "no score before the self-rating"
    );
    harness
        .query_all_by_label("done")
        .next()
        .expect("a rating button")
        .click();
    harness.run();
    assert_eq!(harness.state().0[0].trainee, Some(Rating::Done));
    harness.get_by_label("See my score  (Enter)").click();
    harness.run();
    assert_eq!(harness.state().1, Some(Action::SeeScore));
}

#[test]
fn the_history_plots_filters_and_opens_attempts_by_label() {
    use ipt_trainer::app::view_models::history_vm;
    use ipt_trainer::app::views::history::history_view;
    use ipt_trainer::session::record::AttemptRecord;

    let data = tempfile::tempdir().expect("temp");
    let first = opened_for_review("grief-ruth", data.path());
    let second = opened_for_review("dispute-priya", data.path());
    let records: Vec<(AttemptRecord, Option<_>)> =
        vec![(first.record.clone(), None), (second.record.clone(), None)];
    let library: Vec<Scenario> = built_in().into_iter().filter_map(|c| c.scenario).collect();
    let offered: Vec<&Scenario> = library.iter().collect();
    let report = ipt_trainer::report::progress::build(&records, &offered, 0);
    let vm = history_vm(&report, None);
    assert_eq!(vm.rows.len(), 2);
    let next = vm.next.clone().expect("a suggestion");
    let mut harness = harness(vm, history_view);
    harness.get_by_label_contains(&format!("Practise next: {}", next.1));
    harness.get_by_label(&next.2);
    harness.get_by_label("Open it  (N)").click();
    harness.run();
    assert_eq!(harness.state().1, Some(Action::Open(next.0.clone())));
    harness
        .query_all_by_label("Review")
        .nth(1)
        .expect("a row")
        .click();
    harness.run();
    assert_eq!(
        harness.state().1,
        Some(Action::ReviewAttempt(second.record.id.clone()))
    );
    // Filtered to one client, one row is left.
    harness.state_mut().0.filter = Some("grief-ruth".into());
    harness.run();
    assert_eq!(harness.state().0.shown().count(), 1);
    assert_eq!(harness.query_all_by_label("Review").count(), 1);

    let empty = history_vm(
        &ipt_trainer::report::progress::build(&[], &offered, 0),
        None,
    );
    let harness = self::harness(empty, history_view);
    harness.get_by_label_contains("No finished attempts yet");
}
