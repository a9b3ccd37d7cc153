//! `audit` over the built-in library with 100 random walks per course, as `ipt-trainer audit`
//! runs it: the time for the whole library and per course, and the projection to 14 courses
//! (target: under 5 s for 14 courses in a release build on two cores).
//!
//! Run: `cargo bench --no-default-features --bench audit`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ipt_trainer::analysis::audit::audit;
use ipt_trainer::library::built_in;

const WALKS: usize = 100;
const ROUNDS: usize = 5;
const TARGET_COURSES: usize = 14;

fn main() {
    let scenarios: Vec<_> = built_in().into_iter().filter_map(|c| c.scenario).collect();
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for scenario in &scenarios {
                black_box(audit(black_box(scenario), WALKS, 1, &[]));
            }
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[ROUNDS / 2];
    let per_course = median.as_secs_f64() / scenarios.len().max(1) as f64;
    println!(
        "audit of {} built-in courses, {WALKS} random walks each, median of {ROUNDS} rounds",
        scenarios.len()
    );
    println!(
        "  whole library         : {:>8.1} ms",
        median.as_secs_f64() * 1e3
    );
    println!("  per course            : {:>8.1} ms", per_course * 1e3);
    println!(
        "  projected {TARGET_COURSES} courses   : {:>8.1} ms  (target < 5000 ms)",
        per_course * TARGET_COURSES as f64 * 1e3
    );
}
