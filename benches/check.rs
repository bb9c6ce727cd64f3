//! Throughput on generated scripts: parse alone, parse and names (the front
//! end), and the whole check (parse, names, model, lints).
//!
//! Run with `cargo bench --bench check`. It first prints how the check
//! scales: the median time of the 10 MB and the 100 MB generated scripts
//! and their ratio (the language server issue's bar: at most 11), and the
//! 10 MB script's throughput on one core (a one-thread pool) and on all.
//! Then divan reports time per iteration and bytes per second for each
//! size. `BOUT_CHECK_SCALING=0` skips the first part.

use divan::counter::BytesCount;

/// The allocator `bout` runs with (`src/main.rs`), so figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if std::env::var("BOUT_CHECK_SCALING").as_deref() != Ok("0") {
        scaling();
    }
    divan::main();
}

/// The median seconds of `runs` checks of `source`.
fn median_check(source: &str, runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = std::time::Instant::now();
            drop(divan::black_box(bout::check(source)));
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Prints the check's scaling from 10 MB to 100 MB and its throughput.
fn scaling() {
    let ten = bout::generate::script_of_size(10_000_000, 42);
    let hundred = bout::generate::script_of_size(100_000_000, 42);
    let mb = |s: &str| s.len() as f64 / 1e6;
    let t10 = median_check(&ten, 9);
    let t100 = median_check(&hundred, 3);
    let sizes = hundred.len() as f64 / ten.len() as f64;
    drop(hundred);
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread")
        .install(|| median_check(&ten, 9));
    println!("the check of the generated script (median):");
    println!("  10 MB   {:>8.1} ms", t10 * 1e3);
    println!(
        "  100 MB  {:>8.1} ms: {:.2}× the 10 MB's time (the sizes' ratio is {sizes:.2})",
        t100 * 1e3,
        t100 / t10
    );
    println!(
        "  10 MB on one core {:.1} ms: {:.1} MB/s; on every core {:.1} MB/s",
        one_core * 1e3,
        mb(&ten) / one_core,
        mb(&ten) / t10
    );
}

const SIZES: &[usize] = &[100_000, 1_000_000, 10_000_000];

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_and_check(bencher: divan::Bencher, size: usize) {
    let source = bout::generate::script_of_size(size, 42);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::check(divan::black_box(&source)));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_only(bencher: divan::Bencher, size: usize) {
    let source = bout::generate::script_of_size(size, 42);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::syntax::parse(divan::black_box(&source)));
}

/// The front end alone: parse and resolve names (the checks of the first
/// milestone, before the model and the lints).
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_and_names(bencher: divan::Bencher, size: usize) {
    let source = bout::generate::script_of_size(size, 42);
    bencher.counter(BytesCount::of_str(&source)).bench(|| {
        let parsed = bout::syntax::parse(divan::black_box(&source));
        bout::names::resolve(&parsed.script).1.len()
    });
}
