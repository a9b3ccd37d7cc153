//! Analysis over scenarios and scoring together: the rubric's rules for `check`, the full
//! check, `analyze` (what a scenario lets a trainee score) and `audit` (whether the score can
//! be had without the skill). It sits above `scenario` and `scoring`, which know nothing of it.

pub mod analyze;
pub mod audit;
pub mod check;
pub mod rules;
