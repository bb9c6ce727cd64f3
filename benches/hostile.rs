//! Hostile shapes: inputs built to push one cost each — deep nesting, one
//! huge line of blocks, 100k diagnostics (errors and warnings, through the
//! human and JSON reports), a 100k-key `bout.toml`, a cast of a million,
//! a 100k-link `after` cycle, and a 100 MB script through every exporter.
//! The bar (issue "hardening"): each within 3× the time per MB of the
//! ordinary 10 MB check, and peak memory at most 10× the input.
//!
//! `cargo bench --bench hostile` first prints a table of one timed run of
//! each shape with its peak heap (measured by a counting allocator around
//! the system one), then runs divan's timings. `BOUT_HOSTILE_DIR=DIR`
//! also writes each shape's input to DIR, for trying the CLI on them.

use bout::generate::{self, hostile};
use divan::counter::BytesCount;

mod common;

use common::{Counting, measure};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The whole check of a script and both reports of its diagnostics.
fn check_and_report(source: &str) {
    report(source, &bout::check(source));
}

/// Both reports of the diagnostics of `checked`.
fn report(source: &str, checked: &bout::Checked) {
    let style = bout::report::Style {
        color: false,
        width: 100,
    };
    let human = bout::report::render("x.bout", source, &checked.diagnostics, style);
    let files = [bout::report::File {
        name: "x.bout",
        source,
        diagnostics: &checked.diagnostics,
    }];
    // Streamed, as `bout check --format json` writes it to stdout.
    let mut sink = std::io::sink();
    let json = serde_json::to_writer(
        &mut sink,
        &bout::report::json(&files, bout::report::Summary::default()),
    )
    .is_ok();
    divan::black_box((human.len(), json));
}

/// Every exporter on a script that checks clean, writing to a sink as
/// the CLI writes to its file (streaming where the CLI streams).
fn every_export(source: &str) {
    use bout::export::stream;
    let checked = bout::check(source);
    let model = checked.model();
    let timeline = bout::export::timeline::build(&model, 24);
    let mut sink = std::io::sink();
    let _ = serde_json::to_writer(&mut sink, &timeline);
    let otio = bout::export::otio::export(&timeline, Default::default());
    let _ = serde_json::to_writer_pretty(&mut sink, &otio);
    drop(otio);
    let _ = stream(&mut sink, |w| {
        bout::export::csv::write(&timeline, Default::default(), w)
    });
    let _ = stream(&mut sink, |w| {
        bout::export::svg::write(&timeline, Default::default(), w)
    });
    let _ = stream(&mut sink, |w| {
        bout::export::graph::write_dot(&model, &Default::default(), w)
    });
    let _ = serde_json::to_writer(&mut sink, &bout::export::graph::json_stream(&model, None));
    divan::black_box(bout::export::stats::compute(&model).fighters.len());
    drop(timeline);
    use bout::export::screenplay;
    let play = screenplay::build(&model, screenplay::Options::default());
    divan::black_box(screenplay::fountain::export(&play, Default::default()).len());
    divan::black_box(screenplay::fdx::export(&play, Default::default()).len());
    divan::black_box(screenplay::html::export(&play, Default::default()).len());
    divan::black_box(screenplay::pdf::export(&play, Default::default()).len());
}

/// One shape of the table: its name, its input, and what is run on it.
struct Shape {
    name: &'static str,
    input: String,
    run: fn(&str),
}

fn shapes(big: usize) -> Vec<Shape> {
    let config = |s: &str| {
        divan::black_box(bout::config::parse(s).1.len());
    };
    vec![
        Shape {
            name: "ordinary 10 MB script, parse",
            input: generate::script_of_size(10_000_000, 42),
            run: |s| {
                divan::black_box(bout::syntax::parse(s).diagnostics.len());
            },
        },
        Shape {
            name: "ordinary 10 MB script, check",
            input: generate::script_of_size(10_000_000, 42),
            run: check_and_report,
        },
        Shape {
            name: "nesting 100k deep",
            input: hostile::deep_nesting(100_000),
            run: check_and_report,
        },
        Shape {
            name: "10 MB of blocks on one line",
            input: hostile::one_line_of_blocks(10_000_000),
            run: check_and_report,
        },
        Shape {
            name: "100k errors",
            input: hostile::many_diagnostics(100_000, false),
            run: check_and_report,
        },
        Shape {
            name: "100k warnings",
            input: hostile::many_diagnostics(100_000, true),
            run: check_and_report,
        },
        Shape {
            name: "bout.toml with 100k keys",
            input: hostile::config_with_keys(100_000),
            run: config,
        },
        Shape {
            name: "cast of 1M, each speaking",
            input: hostile::large_cast(1_000_000),
            // What `bout stats` does (one check, then the stats of its
            // model), with both reports of the check's diagnostics.
            run: |s| {
                let checked = bout::check(s);
                report(s, &checked);
                divan::black_box(
                    bout::export::stats::compute(&checked.model())
                        .characters
                        .len(),
                );
            },
        },
        Shape {
            name: "after cycle of 100k links",
            input: hostile::after_cycle(100_000),
            run: check_and_report,
        },
        Shape {
            name: "ordinary script, every exporter",
            input: generate::script_of_size(big, 42),
            run: every_export,
        },
    ]
}

fn main() {
    // `BOUT_HOSTILE_BIG` sets the size of the script run through every
    // exporter (100 MB by default, the figure of the issue).
    let big = std::env::var("BOUT_HOSTILE_BIG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000_000);
    let dir = std::env::var_os("BOUT_HOSTILE_DIR").map(std::path::PathBuf::from);
    if std::env::args().any(|a| a == "--bench") {
        println!(
            "{:<34} {:>9} {:>9} {:>9} {:>10} {:>7}",
            "shape", "input MB", "seconds", "s per MB", "peak MB", "peak ×"
        );
        for shape in shapes(big) {
            if let Some(dir) = &dir {
                let file = shape.name.replace([' ', ','], "-") + ".bout";
                let _ = std::fs::write(dir.join(file), &shape.input);
            }
            let mb = shape.input.len() as f64 / 1e6;
            let (seconds, peak) = measure(|| (shape.run)(&shape.input));
            println!(
                "{:<34} {:>9.2} {:>9.3} {:>9.3} {:>10.1} {:>7.1}",
                shape.name,
                mb,
                seconds,
                seconds / mb,
                peak as f64 / 1e6,
                peak as f64 / shape.input.len() as f64
            );
        }
        println!();
    }
    divan::main();
}

const DEPTHS: &[usize] = &[1_000, 100_000];

#[divan::bench(args = DEPTHS, sample_count = 5)]
fn deep_nesting(bencher: divan::Bencher, depth: usize) {
    let source = hostile::deep_nesting(depth);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| check_and_report(divan::black_box(&source)));
}

#[divan::bench(sample_count = 3)]
fn one_line_of_blocks(bencher: divan::Bencher) {
    let source = hostile::one_line_of_blocks(10_000_000);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| check_and_report(divan::black_box(&source)));
}

#[divan::bench(args = [false, true], sample_count = 3)]
fn hundred_thousand_diagnostics(bencher: divan::Bencher, warnings: bool) {
    let source = hostile::many_diagnostics(100_000, warnings);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| check_and_report(divan::black_box(&source)));
}

#[divan::bench(sample_count = 3)]
fn config_with_keys(bencher: divan::Bencher) {
    let source = hostile::config_with_keys(100_000);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::config::parse(divan::black_box(&source)).1.len());
}

#[divan::bench(sample_count = 3)]
fn after_cycle(bencher: divan::Bencher) {
    let source = hostile::after_cycle(100_000);
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| check_and_report(divan::black_box(&source)));
}
