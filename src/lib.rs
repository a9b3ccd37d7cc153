//! IPT Trainer: a simulator in which trainee therapists practise Interpersonal Psychotherapy
//! with scripted clients and are scored the way an IPT supervisor would score them.
//!
//! The core (`scenario`, `scoring`) imports nothing from Bevy; `app` is the thin Bevy shell and
//! `cli` the command line.

#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub mod report;
pub mod scenario;
pub mod scoring;
pub mod session;
