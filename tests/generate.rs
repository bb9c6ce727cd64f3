//! The benchmark generator makes valid scripts, so the benchmark measures
//! the path real scripts take.

/// The diagnostics of `source`, as `CODE message`.
fn found(source: &str) -> Vec<String> {
    bout::check(source)
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.code, d.message))
        .collect()
}

#[test]
fn generated_scripts_check_clean() {
    for seed in 0..4 {
        let source = bout::generate::script(3, seed);
        let found = found(&source);
        assert!(found.is_empty(), "seed {seed}: {found:#?}");
    }
}

#[test]
fn generation_is_deterministic_and_sized() {
    assert_eq!(bout::generate::script(2, 7), bout::generate::script(2, 7));
    assert_ne!(bout::generate::script(2, 7), bout::generate::script(2, 8));
    let big = bout::generate::script_of_size(200_000, 1);
    assert!(big.len() >= 200_000 && big.len() < 240_000, "{}", big.len());
}

#[test]
fn the_long_screenplay_checks_clean_and_runs_to_about_130_pages() {
    let source = bout::generate::screenplay(120, 8, 1);
    let found = found(&source);
    assert!(found.is_empty(), "{found:#?}");
    let checked = bout::check(&source);
    let model = checked.model();
    let play = bout::export::screenplay::build(&model, Default::default());
    let pages = bout::export::screenplay::layout::layout(&play, Default::default())
        .pages
        .len();
    assert!((115..=150).contains(&pages), "{pages} pages");
}
