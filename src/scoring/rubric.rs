//! The built-in rubric: one standard set of items, modelled on the IPT fidelity scales
//! (Stuart's IPT Quality and Adherence Scale, the CSPRS IPT subscale), so that every scenario is
//! scored on the same items and a supervisor can compare trainees across scenarios.

use serde::{Deserialize, Serialize};

/// Where an item belongs on the scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Group {
    Initial,
    Middle,
    Termination,
    /// Techniques from other therapies that IPT rules out: these only lose points.
    Proscribed,
    /// Responding to suicide risk, which comes before any IPT task.
    Safety,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Initial => "initial phase",
            Group::Middle => "middle phase",
            Group::Termination => "termination phase",
            Group::Proscribed => "proscribed techniques",
            Group::Safety => "safety",
        }
    }
}

/// The three headline skills a trainee is scored on above all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Headline {
    ProblemArea,
    SickRole,
    Termination,
}

impl Headline {
    pub const ALL: [Headline; 3] = [
        Headline::ProblemArea,
        Headline::SickRole,
        Headline::Termination,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Headline::ProblemArea => "Problem area",
            Headline::SickRole => "Sick role",
            Headline::Termination => "Termination",
        }
    }
}

/// One rubric item: its stable id, where it sits, and what earns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: &'static str,
    pub group: Group,
    pub headline: Option<Headline>,
    pub title: &'static str,
    /// What a supervisor looks for, in a sentence.
    pub earns: &'static str,
}

const fn item(
    id: &'static str,
    group: Group,
    headline: Option<Headline>,
    title: &'static str,
    earns: &'static str,
) -> Item {
    Item {
        id,
        group,
        headline,
        title,
        earns,
    }
}

use Group::*;
use Headline::{ProblemArea as Area, SickRole, Termination as Ending};

/// Every rubric item, in scorecard order.
pub const ITEMS: &[Item] = &[
    item(
        "diagnosis",
        Initial,
        None,
        "Diagnosis given",
        "Reviews the symptoms and names the illness explicitly (e.g. major depression), ideally with a rating scale.",
    ),
    item(
        "sick_role_legitimise",
        Initial,
        Some(SickRole),
        "Sick role: legitimise, relieve blame",
        "Presents depression as a common, treatable illness, not a weakness, so blame moves from the client to the illness.",
    ),
    item(
        "sick_role_responsibility",
        Initial,
        Some(SickRole),
        "Sick role: responsibility for recovery",
        "Gives the client the job of taking part in treatment and resuming roles as they recover; full credit only in the initial phase.",
    ),
    item(
        "inventory",
        Initial,
        Some(Area),
        "Interpersonal inventory",
        "Goes through the important people: contact, what satisfies and what does not, expectations on each side.",
    ),
    item(
        "onset_linked",
        Initial,
        Some(Area),
        "Onset linked to an interpersonal event",
        "Ties the start of the episode to what happened in the client's relationships.",
    ),
    item(
        "problem_area",
        Initial,
        Some(Area),
        "Problem area chosen",
        "Chooses the right one of the four problem areas at the formulation, with the statements that support it.",
    ),
    item(
        "referral",
        Initial,
        Some(Area),
        "Referred when IPT is not right now",
        "Recognises what needs other care first (acute risk needing urgent care, mania or hypomania, psychosis, dependence) and refers, explaining why, instead of starting IPT.",
    ),
    item(
        "formulation_agreed",
        Initial,
        None,
        "Formulation shared and agreed",
        "Tells the client the formulation in plain words (illness plus problem area) and gets explicit agreement.",
    ),
    item(
        "time_limit_set",
        Initial,
        None,
        "Time limit set",
        "Agrees the number and schedule of sessions at the start.",
    ),
    item(
        "area_strategies",
        Middle,
        None,
        "Strategies of the chosen area",
        "Works on the chosen area with its own strategies (mourning, renegotiation, weighing old and new roles, reducing isolation).",
    ),
    item(
        "dispute_stage",
        Middle,
        Some(Area),
        "Dispute stage named",
        "In a role dispute, names its stage (renegotiation, impasse or dissolution), since the strategy follows from it.",
    ),
    item(
        "here_and_now",
        Middle,
        None,
        "Here-and-now focus",
        "Links mood to recent interpersonal events (\"How have you been since we last met?\").",
    ),
    item(
        "sessions_remaining",
        Middle,
        None,
        "Sessions-remaining reminders",
        "Reminds the client how many sessions remain.",
    ),
    item(
        "ending_raised_ahead",
        Termination,
        Some(Ending),
        "Ending raised ahead",
        "Brings up the end two to four sessions before it, not in the last session.",
    ),
    item(
        "ending_feelings",
        Termination,
        Some(Ending),
        "Feelings about ending",
        "Invites and acknowledges feelings about ending as a loss or transition; sadness is normal and differs from relapse.",
    ),
    item(
        "progress_credited",
        Termination,
        Some(Ending),
        "Progress reviewed and credited",
        "Reviews the changes made and credits the client for them.",
    ),
    item(
        "future_stressors",
        Termination,
        Some(Ending),
        "Future stressors and warning signs",
        "Anticipates future stressors and the warning signs of relapse, and plans what to do.",
    ),
    item(
        "hard_branch",
        Termination,
        Some(Ending),
        "Hard ending handled",
        "Handles a request to extend, a drop-out or non-response: blames the treatment, not the client; a new contract is separate.",
    ),
    item(
        "transference",
        Proscribed,
        None,
        "Transference interpretation",
        "Interprets the relationship with the therapist as a replay of early relationships.",
    ),
    item(
        "childhood_focus",
        Proscribed,
        None,
        "Childhood focus",
        "Digs into childhood origins instead of current relationships.",
    ),
    item(
        "cbt_homework",
        Proscribed,
        None,
        "CBT homework",
        "Assigns formal homework or thought records.",
    ),
    item(
        "challenging_thoughts",
        Proscribed,
        None,
        "Challenging thoughts",
        "Disputes automatic thoughts in the CBT manner.",
    ),
    item(
        "dream_analysis",
        Proscribed,
        None,
        "Dream analysis",
        "Interprets dreams or unconscious meanings.",
    ),
    item(
        "nondirective_silence",
        Proscribed,
        None,
        "Long nondirective silences",
        "Leaves long silences without direction where IPT keeps an active, focused stance.",
    ),
    item(
        "risk_asked",
        Safety,
        None,
        "Risk asked about",
        "Asks directly about suicidal thoughts (plans, intent, means, past attempts) in the reply after a cue of hopelessness or a disclosure.",
    ),
    item(
        "risk_plan",
        Safety,
        None,
        "Safety plan made",
        "Agrees a safety plan in the session a disclosure comes up: warning signs, people and services to call, means made safer, reasons for living.",
    ),
];

/// The item whose rating decides its headline: a wrong problem area fails the Problem area
/// headline whatever the other items earned.
pub const DECIDING_ITEM: &str = "problem_area";

/// The item that decides the Problem area headline in a referral course: IPT is not the right
/// treatment now, and the skill is to see it and refer.
pub const REFERRAL: &str = "referral";

/// The item whose rating decides the Problem area headline in this course: the problem area
/// chosen, or in a referral course the referral.
pub fn deciding_item(answer: &crate::scenario::model::Answer) -> &'static str {
    if answer.is_referral() {
        REFERRAL
    } else {
        DECIDING_ITEM
    }
}

/// The item a role-dispute course asks for: the stage of the dispute.
pub const DISPUTE_STAGE: &str = "dispute_stage";

/// The item the engine marks down when a reply after a risk cue or disclosure does not ask.
pub const RISK_ASKED: &str = "risk_asked";

/// The item the engine marks down when a disclosure gets no safety plan in its session.
pub const RISK_PLAN: &str = "risk_plan";

/// Items renamed or split since an earlier scoring version, with the advice `check` gives.
pub const RENAMED: &[(&str, &str)] = &[(
    "risk_addressed",
    "scoring v2 split `risk_addressed` into `risk_asked` (a direct question about suicidal thoughts) and `risk_plan` (a safety plan)",
)];

impl Group {
    /// The phase an item of this group belongs to; `None` for items of any phase.
    pub fn phase(self) -> Option<crate::scenario::model::Phase> {
        use crate::scenario::model::Phase;
        match self {
            Group::Initial => Some(Phase::Initial),
            Group::Middle => Some(Phase::Middle),
            Group::Termination => Some(Phase::Termination),
            Group::Proscribed | Group::Safety => None,
        }
    }
}

/// Looks an item up by id.
pub fn find(id: &str) -> Option<&'static Item> {
    ITEMS.iter().find(|item| item.id == id)
}

/// Every item id, for "did you mean" hints.
pub fn ids() -> impl Iterator<Item = &'static str> {
    ITEMS.iter().map(|item| item.id)
}
