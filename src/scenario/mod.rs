//! Scenarios: the RON format (model), loading with diagnostics, and structural validation.

pub mod diagnostic;
pub mod graph;
pub mod ids;
pub mod load;
pub mod model;
pub mod source_map;
pub mod synthetic;
pub mod validate;
