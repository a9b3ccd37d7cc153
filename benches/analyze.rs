//! `analyze` on a generated scenario of 100 000 nodes (far more than 2^60 paths) and on one of
//! 200 000, side by side: linear time shows as a ratio near 2.
//!
//! Run: `cargo bench --no-default-features --bench analyze`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ipt_trainer::analysis::analyze::analyze;
use ipt_trainer::scenario::synthetic;

const N: usize = 100_000;
const ROUNDS: usize = 5;

fn best_of(scenario: &ipt_trainer::scenario::model::Scenario) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(analyze(black_box(scenario)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let small = synthetic::scenario(N, 1);
    let large = synthetic::scenario(2 * N, 2);
    let analysis = analyze(&small);
    println!(
        "N = {} nodes: distinct paths {}",
        analysis.nodes, analysis.paths
    );
    let (t1, t2) = (best_of(&small), best_of(&large));
    println!("  analyze at N  : {:>8.1} ms", t1.as_secs_f64() * 1e3);
    println!("  analyze at 2N : {:>8.1} ms", t2.as_secs_f64() * 1e3);
    println!(
        "  ratio 2N / N  : {:>8.2}  (linear: about 2; quadratic: about 4)",
        t2.as_secs_f64() / t1.as_secs_f64()
    );
}
