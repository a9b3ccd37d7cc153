//! Scenarios: the RON format (model), loading with diagnostics, validation, and analysis.

pub mod analyze;
pub mod diagnostic;
pub mod graph;
pub mod library;
pub mod load;
pub mod model;
pub mod source_map;
pub mod synthetic;
pub mod validate;
