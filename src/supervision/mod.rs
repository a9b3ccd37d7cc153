//! Supervision, over attempt records: the supervisor's review and the trainee's self-rating
//! (kept beside the record, never in it), the attempt stepped through decision by decision, and
//! progress over many attempts with what to practise next.

pub mod decisions;
pub mod practise;
pub mod review;
