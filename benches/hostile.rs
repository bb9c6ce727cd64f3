//! Hostile shapes: inputs built to push one cost each — deep nesting, one
//! huge line of blocks, 100k diagnostics (errors and warnings, through the
//! human and JSON reports), a 100k-key `bout.toml`, a cast of a million,
//! a 100k-link `after` cycle, and a 100 MB script through each exporter
//! (one row per exporting command, as a user runs it).
//! The bar (issue "hardening"): each within 3× the time per MB of the
//! ordinary 10 MB check, and peak memory at most 10× the input.
//!
//! `cargo bench --bench hostile` first prints a table of one timed run of
//! each shape with its peak heap (measured by a counting allocator around
//! the system one), then runs divan's timings. `BOUT_HOSTILE_DIR=DIR`
//! also writes each shape's input to DIR, for trying the CLI on them;
//! `BOUT_HOSTILE_ONLY=TEXT` runs only the shapes whose name holds TEXT,
//! `BOUT_HOSTILE_BIG=BYTES` sets the exporters' script size.

use bout::generate::{self, hostile};
use std::rc::Rc;

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

/// What an exporting command does (`bout timeline`, `render`, `graph`,
/// `stats`): the check, with `export` run on its model beside the lints
/// (`check::check_then`), writing to a sink as the CLI writes to its file.
fn export_as_cli(
    source: &str,
    export: impl FnOnce(&bout::model::Model<'_>, &mut dyn std::io::Write) -> std::io::Result<()> + Send,
) {
    let (checked, written) = bout::check::check_then(source, &Default::default(), |model| {
        export(model, &mut std::io::sink())
    });
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == bout::diag::Severity::Error)
        .count();
    assert!(
        matches!(written, Some(Ok(()))) && errors == 0,
        "the exporter shape's script must check clean and export"
    );
    divan::black_box(checked.diagnostics.len());
}

/// A JSON document written as the CLI writes it (`cli::json_to`): pretty,
/// through a 64 KiB buffer.
fn json_to(out: &mut dyn std::io::Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// A timeline exporter as `bout timeline --to FORMAT` runs it.
fn timeline_export(
    source: &str,
    write: impl FnOnce(
        &bout::export::timeline::Timeline,
        &mut dyn std::io::Write,
    ) -> std::io::Result<()>
    + Send,
) {
    export_as_cli(source, |model, out| {
        write(&bout::export::timeline::build(model, 24), out)
    });
}

/// A screenplay exporter as `bout render --to FORMAT` runs it.
fn screenplay_export(
    source: &str,
    write: impl FnOnce(
        &bout::export::screenplay::Screenplay,
        &mut dyn std::io::Write,
    ) -> std::io::Result<()>
    + Send,
) {
    use bout::export::screenplay;
    export_as_cli(source, |model, out| {
        write(
            &screenplay::build(model, screenplay::Options::default()),
            out,
        )
    });
}

/// One shape of the table: its name, its input, and what is run on it.
struct Shape {
    name: &'static str,
    input: Rc<String>,
    run: fn(&str),
}

fn shapes(big: usize) -> Vec<Shape> {
    let config = |s: &str| {
        divan::black_box(bout::config::parse(s).1.len());
    };
    let mut shapes = vec![
        Shape {
            name: "ordinary 10 MB script, parse",
            input: Rc::new(generate::script_of_size(10_000_000, 42)),
            run: |s| {
                divan::black_box(bout::syntax::parse(s).diagnostics.len());
            },
        },
        Shape {
            name: "ordinary 10 MB script, check",
            input: Rc::new(generate::script_of_size(10_000_000, 42)),
            run: check_and_report,
        },
        Shape {
            name: "nesting 100k deep",
            input: Rc::new(hostile::deep_nesting(100_000)),
            run: check_and_report,
        },
        Shape {
            name: "10 MB of blocks on one line",
            input: Rc::new(hostile::one_line_of_blocks(10_000_000)),
            run: check_and_report,
        },
        Shape {
            name: "100k errors",
            input: Rc::new(hostile::many_diagnostics(100_000, false)),
            run: check_and_report,
        },
        Shape {
            name: "100k warnings",
            input: Rc::new(hostile::many_diagnostics(100_000, true)),
            run: check_and_report,
        },
        Shape {
            name: "bout.toml with 100k keys",
            input: Rc::new(hostile::config_with_keys(100_000)),
            run: config,
        },
        Shape {
            name: "cast of 1M, each speaking",
            input: Rc::new(hostile::large_cast(1_000_000)),
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
            input: Rc::new(hostile::after_cycle(100_000)),
            run: check_and_report,
        },
    ];
    // The large script through each exporter, one row per command as a
    // user runs it (`bout timeline --to otio x.bout`, …): each is held to
    // the bars on its own.
    let big = Rc::new(generate::script_of_size(big, 42));
    type Export = fn(&str);
    let exports: [(&'static str, Export); 11] = [
        ("export: timeline --to json", |s| {
            timeline_export(s, |t, out| {
                serde_json::to_writer(out, t).map_err(Into::into)
            })
        }),
        ("export: timeline --to otio", |s| {
            timeline_export(s, |t, out| {
                json_to(out, &bout::export::otio::export(t, Default::default()))
            })
        }),
        ("export: timeline --to csv", |s| {
            timeline_export(s, |t, out| {
                bout::export::stream(out, |w| bout::export::csv::write(t, Default::default(), w))
            })
        }),
        ("export: timeline --to svg", |s| {
            timeline_export(s, |t, out| {
                bout::export::stream(out, |w| bout::export::svg::write(t, Default::default(), w))
            })
        }),
        ("export: graph --to dot", |s| {
            export_as_cli(s, |model, out| {
                bout::export::stream(out, |w| {
                    bout::export::graph::write_dot(model, &Default::default(), w)
                })
            })
        }),
        ("export: graph --to json", |s| {
            export_as_cli(s, |model, out| {
                json_to(out, &bout::export::graph::json_stream(model, None))
            })
        }),
        ("export: stats --json", |s| {
            export_as_cli(s, |model, out| {
                serde_json::to_writer(out, &bout::export::stats::compute(model)).map_err(Into::into)
            })
        }),
        ("export: render --to fountain", |s| {
            use bout::export::screenplay::fountain;
            screenplay_export(s, |p, out| fountain::write(p, Default::default(), out))
        }),
        ("export: render --to fdx", |s| {
            use bout::export::screenplay::fdx;
            screenplay_export(s, |p, out| fdx::write(p, Default::default(), out))
        }),
        ("export: render --to html", |s| {
            use bout::export::screenplay::html;
            screenplay_export(s, |p, out| html::write(p, Default::default(), out))
        }),
        ("export: render --to pdf", |s| {
            use bout::export::screenplay::pdf;
            screenplay_export(s, |p, out| pdf::write(p, Default::default(), out))
        }),
    ];
    shapes.extend(exports.into_iter().map(|(name, run)| Shape {
        name,
        input: Rc::clone(&big),
        run,
    }));
    shapes
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
        // `BOUT_HOSTILE_ONLY=TEXT` runs only the shapes whose name holds it.
        let only = std::env::var("BOUT_HOSTILE_ONLY").unwrap_or_default();
        for shape in shapes(big).into_iter().filter(|s| s.name.contains(&*only)) {
            if let Some(dir) = &dir {
                let file = shape.name.replace([' ', ',', ':'], "-") + ".bout";
                let _ = std::fs::write(dir.join(file), shape.input.as_str());
            }
            let mb = shape.input.len() as f64 / 1e6;
            let (seconds, peak) = measure(|| (shape.run)(shape.input.as_str()));
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
