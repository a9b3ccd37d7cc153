//! `check` against bare RON parsing of the same files, side by side in one run: 1 000 generated
//! scenarios of about 200 nodes. Prints the times and their ratio (target: at most 1.3). `check`
//! includes the rubric's rules and the audit's two surface strategies (each plays the course).
//!
//! Run: `cargo bench --no-default-features --bench check`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ipt_trainer::analysis::check::check_bytes;
use ipt_trainer::scenario::load::parse_only;
use ipt_trainer::scenario::synthetic;
use ipt_trainer::scenario::validate::AssetRoot;

const FILES: usize = 1_000;
const NODES: usize = 200;
const ROUNDS: usize = 7;

fn time(mut work: impl FnMut()) -> Duration {
    let start = Instant::now();
    work();
    start.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let texts: Vec<String> = (0..FILES)
        .map(|i| synthetic::to_ron(&synthetic::scenario(NODES, i)))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // Both must see valid, clean scenarios, or the comparison is of different work.
    for text in texts.iter().take(3) {
        let checked = check_bytes("bench.ron", text.as_bytes(), &AssetRoot::Embedded(&[]));
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    }
    let mut parse = Vec::new();
    let mut check = Vec::new();
    // Alternate the two so that machine noise falls on both alike.
    for _ in 0..ROUNDS {
        parse.push(time(|| {
            for text in &texts {
                black_box(parse_only(black_box(text)).ok());
            }
        }));
        check.push(time(|| {
            for text in &texts {
                black_box(check_bytes(
                    "bench.ron",
                    black_box(text.as_bytes()),
                    &AssetRoot::Embedded(&[]),
                ));
            }
        }));
    }
    let (parse, check) = (median(parse), median(check));
    println!(
        "{FILES} scenarios of ~{NODES} nodes, {:.1} MiB, median of {ROUNDS} rounds",
        bytes as f64 / 1048576.0
    );
    println!(
        "  bare ron::from_str into Scenario : {:>8.1} ms",
        parse.as_secs_f64() * 1e3
    );
    println!(
        "  check (parse, validate, audit)   : {:>8.1} ms",
        check.as_secs_f64() * 1e3
    );
    println!(
        "  ratio check / parse              : {:>8.2}  (target <= 1.30)",
        check.as_secs_f64() / parse.as_secs_f64()
    );
}
