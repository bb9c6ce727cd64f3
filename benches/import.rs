//! `bout import` throughput: a generated feature-length screenplay, rendered
//! to Fountain and to Final Draft and scaled to 1 and 10 MB, read back into a
//! `.bout` script (the reader, the cast, the writer and `bout fmt`'s layout).
//!
//! `cargo bench --bench import`; divan reports time per iteration and bytes
//! per second for each size. The goal (issue 15) is at least 50 MB/s.

use bout::export::screenplay::{self, Options};
use divan::counter::BytesCount;

/// The allocator `bout` runs with (`src/main.rs`), so figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1_000_000, 10_000_000];

/// A screenplay of about `bytes` in `format` ("fountain" or "fdx"): a
/// generated script of scenes, speeches, dual dialogue and street fights
/// (as prose), rendered, with more scenes until it is long enough.
fn screenplay_of_size(bytes: usize, format: &str) -> String {
    let mut scenes = 120;
    loop {
        let source = bout::generate::screenplay(scenes, 10, 7);
        let checked = bout::check(&source);
        let model = checked.model();
        let play = screenplay::build(&model, Options::default());
        let text = match format {
            "fdx" => screenplay::fdx::export(&play, Default::default()),
            _ => screenplay::fountain::export(&play, Default::default()),
        };
        if text.len() >= bytes {
            return text;
        }
        scenes = scenes * bytes / text.len().max(1) + 10;
    }
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn fountain(bencher: divan::Bencher, size: usize) {
    let source = screenplay_of_size(size, "fountain");
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::import::fountain(divan::black_box(&source)));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn fdx(bencher: divan::Bencher, size: usize) {
    let source = screenplay_of_size(size, "fdx");
    bencher
        .counter(BytesCount::of_str(&source))
        .bench(|| bout::import::fdx(divan::black_box(&source)));
}
