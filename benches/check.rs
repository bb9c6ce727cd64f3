//! Throughput on generated scripts: parse alone, parse and names (the front
//! end), and the whole check (parse, names, model, lints).
//!
//! Run with `cargo bench --bench check`; divan reports time per iteration
//! and bytes per second for each size.

use divan::counter::BytesCount;

/// The allocator `bout` runs with (`src/main.rs`), so figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
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
