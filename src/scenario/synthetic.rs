//! Generated scenarios of any size, for benchmarks and property tests: valid by construction,
//! with every headline skill scorable, a number of paths that triples at every choice, and no
//! way to pass by the length of the options alone.

use super::model::*;

/// A valid scenario of about `nodes` nodes (at least 12): a client line, then a choice with
/// three options that all lead to the next client line, over and over, across an initial, a
/// middle and a termination session. The scored option is neither the longest nor the
/// shortest. `salt` varies the text so that generated files differ.
pub fn scenario(nodes: usize, salt: usize) -> Scenario {
    let pairs = nodes.max(12).saturating_sub(2) / 2;
    let phases = [Phase::Initial, Phase::Middle, Phase::Termination];
    let mut sessions: Vec<Session> = phases
        .iter()
        .enumerate()
        .map(|(i, &phase)| Session {
            number: [1, 6, 12][i],
            phase,
            title: format!("{phase:?}"),
            nodes: Vec::new(),
        })
        .collect();
    let id = |k: usize| format!("n{k}");
    for k in 0..pairs {
        let session = k * 3 / pairs;
        let next = if k + 1 == pairs {
            "formulation".to_owned()
        } else {
            format!("{}c", id(k + 1))
        };
        let evidence = match (session, k) {
            (0, 0) => vec![
                Evidence::Full("sick_role_legitimise".into()),
                Evidence::Full("sick_role_responsibility".into()),
            ],
            (0, _) => vec![Evidence::Partial("inventory".into())],
            (1, _) => vec![Evidence::Partial("area_strategies".into())],
            _ => vec![Evidence::Full("ending_feelings".into())],
        };
        let client = Node::Client(ClientTurn {
            id: format!("{}c", id(k)),
            lines: vec![Line {
                id: format!("{}l", id(k)),
                text: format!("Client line {k} of scenario {salt}, about how the week went."),
                affect: Affect::Sad,
                when: None,
                person: None,
                risk: None,
                speaker: None,
            }],
            next: id(k),
        });
        let choice = |suffix: &str, words: &str, evidence: Vec<Evidence>| Choice {
            id: format!("{}{suffix}", id(k)),
            text: format!("Trainee option {suffix} at step {k}{words}."),
            evidence,
            rapport: 1,
            symptoms: 0,
            set: Vec::new(),
            unset: Vec::new(),
            rationale: Some("Why this is or is not good IPT.".into()),
            when: None,
            goto: next.clone(),
        };
        let trainee = Node::Trainee(TraineeTurn {
            id: id(k),
            prompt: "Respond.".into(),
            expert: Some(format!("{}a", id(k))),
            choices: vec![
                choice("a", ", the right one", evidence),
                choice("b", "", Vec::new()),
                choice("z", ", longer than the right one by a clause", Vec::new()),
            ],
        });
        if let Some(s) = sessions.get_mut(session) {
            s.nodes.extend([client, trainee]);
        }
    }
    if let Some(last) = sessions.last_mut() {
        last.nodes.push(Node::Formulation(Formulation {
            id: "formulation".into(),
            prompt: String::new(),
            statements: vec![Statement {
                id: "statement".into(),
                text: "It began after the loss.".into(),
                supports: vec![ProblemArea::Grief],
            }],
            next: "end".into(),
        }));
        last.nodes.push(Node::Ending(Ending {
            id: "end".into(),
            kind: EndingKind::Completed,
            text: "The course is complete.".into(),
        }));
    }
    Scenario {
        id: format!("synthetic-{salt}"),
        title: "A generated scenario".into(),
        client: Profile {
            name: "Generated Client".into(),
            age: 40,
            gender: String::new(),
            presenting_complaint: "Low mood.".into(),
            background: "Generated.".into(),
            portrait: None,
            difficulty: Difficulty::Intermediate,
        },
        answer: Answer {
            problem_area: ProblemArea::Grief,
            why: "Generated.".into(),
            alternatives: Vec::new(),
            refer: None,
        },
        course: Course {
            time_limit: 12,
            sessions,
        },
        initial: ClientState::default(),
        start: format!("{}c", id(0)),
    }
}

/// The scenario as RON text in the scenario dialect.
pub fn to_ron(scenario: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::new().extensions(
        ron::extensions::Extensions::IMPLICIT_SOME
            | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
    );
    ron::ser::to_string_pretty(scenario, config).unwrap_or_default()
}
