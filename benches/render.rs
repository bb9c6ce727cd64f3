//! Rendering a long screenplay to PDF (and Fountain, FDX, HTML).
//!
//! `cargo bench --bench render` measures the render of a generated script of
//! about 120 pages from an already checked model. `cargo bench --bench
//! render -- --write-script DIR` instead writes that script (`long.bout`) and
//! its Fountain (`long.fountain`) to DIR, for `benches/compare-afterwriting.sh`,
//! which times whole commands side by side with afterwriting.

use bout::export::screenplay::{self, Options};

/// Fights in the generated script: about 120 pages rendered.
const FIGHTS: usize = 13;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-script") {
        let dir = std::path::PathBuf::from(args.get(i + 1).map_or(".", String::as_str));
        let source = bout::generate::script(FIGHTS, 3);
        let checked = bout::check(&source);
        assert!(
            checked.diagnostics.is_empty(),
            "the generated script must check clean"
        );
        let model = checked.model();
        let play = screenplay::build(&model, Options::default());
        std::fs::write(dir.join("long.bout"), &source).expect("write long.bout");
        std::fs::write(
            dir.join("long.fountain"),
            screenplay::fountain::export(&play, Default::default()),
        )
        .expect("write long.fountain");
        let pages = screenplay::layout::layout(&play, Default::default())
            .pages
            .len();
        println!("wrote {} bytes of script, {pages} pages", source.len());
        return;
    }
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn pdf_120_pages(bencher: divan::Bencher) {
    let source = bout::generate::script(FIGHTS, 3);
    let checked = bout::check(&source);
    let model = checked.model();
    bencher.bench(|| {
        let play = screenplay::build(&model, Options::default());
        screenplay::pdf::export(&play, Default::default()).len()
    });
}

#[divan::bench(sample_count = 20)]
fn whole_pipeline_to_pdf(bencher: divan::Bencher) {
    let source = bout::generate::script(FIGHTS, 3);
    bencher.bench(|| {
        let checked = bout::check(divan::black_box(&source));
        let model = checked.model();
        let play = screenplay::build(&model, Options::default());
        screenplay::pdf::export(&play, Default::default()).len()
    });
}

#[divan::bench(sample_count = 20)]
fn fountain_fdx_html(bencher: divan::Bencher) {
    let source = bout::generate::script(FIGHTS, 3);
    let checked = bout::check(&source);
    let model = checked.model();
    bencher.bench(|| {
        let play = screenplay::build(&model, Options::default());
        screenplay::fountain::export(&play, Default::default()).len()
            + screenplay::fdx::export(&play, Default::default()).len()
            + screenplay::html::export(&play, Default::default()).len()
    });
}

/// The stages of a render, one by one, to see where the time goes.
mod stages {
    use super::*;

    fn source() -> String {
        bout::generate::script(FIGHTS, 3)
    }

    #[divan::bench(sample_count = 20)]
    fn parse(bencher: divan::Bencher) {
        let s = source();
        bencher.bench(|| bout::syntax::parse(divan::black_box(&s)).script.items.len());
    }

    #[divan::bench(sample_count = 20)]
    fn check(bencher: divan::Bencher) {
        let s = source();
        bencher.bench(|| bout::check(divan::black_box(&s)).diagnostics.len());
    }

    #[divan::bench(sample_count = 20)]
    fn model(bencher: divan::Bencher) {
        let s = source();
        let checked = bout::check(&s);
        bencher.bench(|| checked.model().graph.order().len());
    }

    #[divan::bench(sample_count = 20)]
    fn screenplay_build(bencher: divan::Bencher) {
        let s = source();
        let checked = bout::check(&s);
        let model = checked.model();
        bencher.bench(|| screenplay::build(&model, Options::default()).elements.len());
    }

    #[divan::bench(sample_count = 20)]
    fn layout(bencher: divan::Bencher) {
        let s = source();
        let checked = bout::check(&s);
        let model = checked.model();
        let play = screenplay::build(&model, Options::default());
        bencher.bench(|| {
            screenplay::layout::layout(&play, Default::default())
                .pages
                .len()
        });
    }

    #[divan::bench(sample_count = 20)]
    fn pdf_write(bencher: divan::Bencher) {
        let s = source();
        let checked = bout::check(&s);
        let model = checked.model();
        let play = screenplay::build(&model, Options::default());
        let doc = screenplay::layout::layout(&play, Default::default());
        bencher.bench(|| screenplay::pdf::render(&doc, "x").len());
    }
}
