//! Reports: a course's transcript and scorecard as text for the terminal (exports will join).

pub mod text;
