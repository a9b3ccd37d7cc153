//! Sessions: the engine that runs a course, attempt records, where they are stored, and replay.

pub mod attempt;
pub mod engine;
pub mod record;
pub mod store;
