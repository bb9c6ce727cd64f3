//! Where the check's memory and time go: the ordinary 10 MB generated
//! script through each layer in turn (parse, names, model, lints), with the
//! heap in use after each and its peak, then the sizes of the tree's and
//! the graph's building blocks. For finding what to make smaller; the bar
//! itself is measured by `benches/hostile.rs`.
//!
//! `cargo bench --bench phases` (`BOUT_PHASES_SIZE=BYTES` for another size).

mod common;

use std::sync::atomic::Ordering;
use std::time::Instant;

use bout::syntax::ast::{Move, Stmt, StmtKind, Text, Word};
use common::{Counting, IN_USE, PEAK};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One row: the layer, its time, the heap in use now and the peak so far,
/// both above `base` and as multiples of the input's size.
fn row(layer: &str, started: Instant, base: usize, input: usize) {
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let now = IN_USE.load(Ordering::Relaxed) - base;
    let peak = PEAK.load(Ordering::Relaxed) - base;
    println!(
        "{layer:<8} {ms:>8.1} {:>9.1} {:>6.1} {:>9.1} {:>6.1}",
        now as f64 / 1e6,
        now as f64 / input as f64,
        peak as f64 / 1e6,
        peak as f64 / input as f64
    );
}

fn main() {
    let size = std::env::var("BOUT_PHASES_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let source = bout::generate::script_of_size(size, 42);
    let n = source.len();
    println!(
        "{:<8} {:>8} {:>9} {:>6} {:>9} {:>6}",
        "layer", "ms", "in use MB", "×", "peak MB", "×"
    );
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);

    let t = Instant::now();
    let parsed = bout::syntax::parse(&source);
    row("parse", t, base, n);
    let t = Instant::now();
    let (names, name_diagnostics) = bout::names::resolve(&parsed.script);
    row("names", t, base, n);
    let t = Instant::now();
    let model = bout::model::build(&parsed.script, &names);
    row("model", t, base, n);
    let t = Instant::now();
    let lints = bout::lints::run(&model, &Default::default());
    row("lints", t, base, n);

    let statements = bout::syntax::visit::statements(&parsed.script.items).count();
    let moves = bout::syntax::visit::statements(&parsed.script.items)
        .filter(|s| matches!(s.kind, StmtKind::Move(_)))
        .count();
    let events: usize = model.fights.iter().map(|f| f.facts.events.len()).sum();
    let (node_capacity, edge_capacity) = model.graph.graph.capacity();
    println!();
    println!(
        "{statements} statements ({moves} moves), {:.1} bytes of source each",
        n as f64 / statements as f64
    );
    println!(
        "{} graph nodes (capacity {node_capacity}), {} edges (capacity {edge_capacity}), {events} event facts",
        model.graph.graph.node_count(),
        model.graph.graph.edge_count(),
    );
    println!(
        "bytes: Stmt {}, StmtKind {}, Move {}, Text {}, Word {}, graph Node {}, EventFact {}",
        size_of::<Stmt>(),
        size_of::<StmtKind>(),
        size_of::<Move>(),
        size_of::<Text>(),
        size_of::<Word>(),
        size_of::<bout::model::graph::Node>(),
        size_of::<bout::model::state::EventFact>(),
    );
    divan::black_box((lints.len(), name_diagnostics.len()));
}
