//! IPT Trainer: a simulator in which trainee therapists practise Interpersonal Psychotherapy
//! with scripted clients and are scored the way an IPT supervisor would score them.
//!
//! The core imports nothing from Bevy: `scenario` (the format, loading, structural validation),
//! `scoring` (the rubric and the pass rule), `session` (the engine and attempt records),
//! `analysis` over scenario and scoring (the rubric's checks, `analyze`, `audit`), `library`
//! (every scenario on offer) and `report`. `app` is the thin Bevy shell and `cli` the command
//! line.

pub mod analysis;
#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub mod files;
pub mod library;
pub mod report;
pub mod scenario;
pub mod scoring;
pub mod session;
pub mod supervision;
