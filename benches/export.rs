//! Export throughput on generated scripts: the timeline (JSON, OTIO, SVG),
//! the graph (DOT) and the stats, each from an already checked model, so the
//! figures are the exporters' own.
//!
//! Run with `cargo bench --bench export`.

use divan::counter::BytesCount;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[100_000, 1_000_000, 10_000_000];

fn with_model(bencher: divan::Bencher, size: usize, run: fn(&bout::model::Model<'_>) -> usize) {
    let source = bout::generate::script_of_size(size, 7);
    let checked = bout::check(&source);
    assert!(checked.diagnostics.is_empty());
    let model = checked.model();
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| run(divan::black_box(&model)));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn timeline_json(bencher: divan::Bencher, size: usize) {
    with_model(bencher, size, |m| {
        serde_json::to_string(&bout::export::timeline::build(m, 24)).map_or(0, |s| s.len())
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn timeline_otio(bencher: divan::Bencher, size: usize) {
    with_model(bencher, size, |m| {
        let t = bout::export::timeline::build(m, 24);
        serde_json::to_string(&bout::export::otio::export(&t, Default::default()))
            .map_or(0, |s| s.len())
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn timeline_svg(bencher: divan::Bencher, size: usize) {
    with_model(bencher, size, |m| {
        bout::export::svg::export(&bout::export::timeline::build(m, 24), Default::default()).len()
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn graph_dot(bencher: divan::Bencher, size: usize) {
    with_model(bencher, size, |m| {
        bout::export::graph::dot(m, &Default::default()).len()
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn stats(bencher: divan::Bencher, size: usize) {
    with_model(bencher, size, |m| {
        bout::export::stats::compute(m).fighters.len()
    });
}
