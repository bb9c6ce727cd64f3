//! `bout fmt` throughput on the generated 10 MB script: the whole format
//! (the syntax check that refuses errors, the layout), on the script as
//! generated, already formatted, and with its layout undone (every line
//! flush left).
//!
//! Run with `cargo bench --bench fmt`; the goal is ≥ 50 MB/s. It runs with
//! the binary's allocator (mimalloc).

use divan::counter::BytesCount;

/// The allocator the `bout` binary uses, so the figure is the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1_000_000, 10_000_000];

/// The generated script as it comes (the figure).
#[divan::bench(args = SIZES, sample_count = 10)]
fn generated(bencher: divan::Bencher, size: usize) {
    let source = bout::generate::script_of_size(size, 42);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::fmt::format(divan::black_box(&source)).map(|s| s.len()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn formatted(bencher: divan::Bencher, size: usize) {
    let source = bout::fmt::format(&bout::generate::script_of_size(size, 42)).expect("formats");
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::fmt::format(divan::black_box(&source)).map(|s| s.len()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn flush_left(bencher: divan::Bencher, size: usize) {
    let source: String = bout::generate::script_of_size(size, 42)
        .lines()
        .map(|l| l.trim_start().to_owned() + "\n")
        .collect();
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::fmt::format(divan::black_box(&source)).map(|s| s.len()));
}
