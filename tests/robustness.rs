//! Arbitrary input never panics the parser or the checker: random bytes,
//! random strings over the language's own alphabet, and mutated examples.

use proptest::prelude::*;

fn examples() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    for dir in [
        "examples",
        "examples/errors",
        "tests/fixtures/parse",
        "tests/fixtures/errors",
    ] {
        for entry in std::fs::read_dir(root.join(dir))
            .expect("fixture dir")
            .flatten()
        {
            if entry.path().extension().is_some_and(|x| x == "bout") {
                sources.push(std::fs::read_to_string(entry.path()).expect("readable"));
            }
        }
    }
    sources.sort();
    sources
}

/// Checks `source` and the invariants every result must keep.
fn check_never_panics(source: &str) {
    let checked = bout::check(source);
    for d in &checked.diagnostics {
        assert!(d.span.start <= d.span.end);
        assert!((d.span.end as usize) <= source.len());
        assert!(source.is_char_boundary(d.span.start as usize));
        assert!(source.is_char_boundary(d.span.end as usize));
    }
    // Rendering and positions must not panic either.
    let index = bout::report::LineIndex::new(source);
    for d in &checked.diagnostics {
        let _ = bout::report::to_json("fuzz.bout", &index, d);
    }
    let style = bout::report::Style {
        color: false,
        width: 80,
    };
    let _ = bout::report::render("fuzz.bout", source, &checked.diagnostics, style);
    // Whatever checks clean enough to export must export without panicking.
    if !checked
        .diagnostics
        .iter()
        .any(|d| d.severity == bout::diag::Severity::Error)
    {
        export_everything(&checked);
    }
}

fn export_everything(checked: &bout::Checked) {
    use bout::export::{csv, graph, otio, screenplay, stats, svg, timeline};
    let model = checked.model();
    let t = timeline::build(&model, 24);
    let _ = otio::export(&t, Default::default());
    let _ = csv::export(&t, Default::default());
    let _ = svg::export(&t, Default::default());
    let _ = graph::dot(&model, &Default::default());
    let _ = graph::json(&model, None);
    let _ = stats::compute(&model);
    for choreography in [
        screenplay::Choreography::Prose,
        screenplay::Choreography::Both,
    ] {
        let options = screenplay::Options {
            scene_numbers: true,
            notes: true,
            choreography,
        };
        let play = screenplay::build(&model, options);
        let _ = screenplay::fountain::export(&play, Default::default());
        let _ = screenplay::fdx::export(&play, Default::default());
        let _ = screenplay::html::export(&play, Default::default());
        let _ = screenplay::pdf::export(&play, Default::default());
    }
}

/// One edit to a source: delete, duplicate or insert a piece.
#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, &'static str),
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    ";",
    "\n",
    "\r\n",
    "->",
    "&",
    "@",
    "@1:",
    "#",
    "x",
    "(",
    ")",
    "[",
    "]",
    "\\",
    "\\u{",
    "round 1 {",
    "fight A vs B {",
    "scene \"X\" {",
    "ROCKY",
    "jab",
    "count",
    "9:99",
    "1.5",
    "%",
    "é",
    "🥊",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 0usize..80).prop_map(|(a, n)| Edit::Duplicate(a, n)),
        (any::<usize>(), prop::sample::select(PIECES)).prop_map(|(a, p)| Edit::Insert(a, p)),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(source: &str, edits: &[Edit]) -> String {
    let mut s = source.to_owned();
    for edit in edits {
        let len = s.len().max(1);
        match *edit {
            Edit::Delete(at, n) => {
                let a = floor_boundary(&s, at % len);
                let b = floor_boundary(&s, a + n);
                s.replace_range(a..b, "");
            }
            Edit::Duplicate(at, n) => {
                let a = floor_boundary(&s, at % len);
                let b = floor_boundary(&s, a + n);
                let piece = s[a..b].to_owned();
                s.insert_str(b, &piece);
            }
            Edit::Insert(at, piece) => {
                let a = floor_boundary(&s, at % len);
                s.insert_str(a, piece);
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_never_panics(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_tokens(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..120)) {
        check_never_panics(&pieces.join(" "));
    }

    #[test]
    fn mutated_examples(index in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..8)) {
        let sources = examples();
        let source = index.get(&sources);
        check_never_panics(&apply(source, &edits));
    }
}

#[test]
fn every_prefix_of_an_example() {
    // Truncation at every character boundary: the cheapest way to reach
    // every "file ends here" state of the parser.
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/street-fight-stage.bout"
    ))
    .expect("example");
    for (i, _) in source.char_indices() {
        check_never_panics(&source[..i]);
    }
}
