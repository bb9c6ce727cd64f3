//! Pages as professionals' tools break them, measured from the outputs:
//! a ~130-page generated screenplay (three-page speeches, transitions, a
//! fight table over pages, scene numbers) on Letter and A4, a speech of
//! three pages, and a stage play, rendered to PDF and HTML; Chromium prints
//! the HTML; PyMuPDF reads every character's position back
//! (`tests/interop/check_pages.py`) and compares the two.

mod common;
use common::{bout, python, root, scratch};
use std::path::{Path, PathBuf};
use std::process::Command;

use bout::export::screenplay::layout::{self, Geometry, Kind, Paper};
use bout::export::screenplay::{self, Options};
use serde_json::json;

/// Debian's Chromium, which tests/run.sh installs. Absent outside CI, the
/// HTML half is skipped loudly; in CI its absence fails.
fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Chromium is missing (tests/run.sh installs Debian's `chromium`)"
    );
    eprintln!(
        "\n\n*** SKIPPING the HTML print checks: /usr/bin/chromium is missing (tests/run.sh installs it) ***\n\n"
    );
    None
}

/// Prints `html` to `pdf` with headless Chromium.
fn print(chromium: &Path, html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().expect("profile dir");
    let o = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success() && pdf.is_file(),
        "chromium: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn render(script: &Path, to: &str, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "render",
        script.to_str().expect("UTF-8"),
        "--to",
        to,
        "-o",
        out.to_str().expect("UTF-8"),
    ];
    args.extend_from_slice(extra);
    let o = bout(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "render {to}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn geometry(paper: Paper) -> serde_json::Value {
    let g = Geometry::of(paper);
    json!({"width": g.width, "height": g.height, "left": g.left, "top": g.top})
}

/// A speech of about 140 dialogue lines, which the page breaks twice.
fn three_page_speech() -> String {
    let sentences = [
        "I was nine the first time I saw him fight.",
        "The hall smelled of liniment and wet wool, and the lights were so low you could not see the back rows.",
        "He walked out like he was going to the shops.",
        "No music, no robe, nothing.",
        "And the other man was bigger, and younger, and everyone in that room had their money on him.",
        "Do you know what my father did?",
        "He waited.",
        "Three rounds he waited, taking it on the arms, on the shoulders, letting the big man tire himself out against him like surf against a wall.",
        "People were shouting at him to do something.",
        "My uncle was shouting loudest of all.",
    ];
    let mut speech = String::new();
    let mut i = 0;
    while speech.len() < 4_700 {
        if !speech.is_empty() {
            speech.push(' ');
        }
        speech.push_str(sentences[i % sentences.len()]);
        i += 1;
    }
    speech
}

#[test]
fn pages_break_as_professionals_break_them() {
    let python = python();
    let dir = scratch("pages");
    let long = dir.join("long.bout");
    std::fs::write(&long, bout::generate::screenplay(120, 8, 1)).expect("write");
    let flags = ["--scene-numbers", "--choreography", "both"];
    let chromium = chromium();
    let mut manifest = serde_json::Map::new();
    for (name, paper, flag) in [
        ("screenplay", Paper::Letter, "letter"),
        ("a4", Paper::A4, "a4"),
    ] {
        let pdf = dir.join(format!("{name}.pdf"));
        let html = dir.join(format!("{name}.html"));
        let mut extra = flags.to_vec();
        extra.extend(["--paper", flag]);
        render(&long, "pdf", &pdf, &extra);
        render(&long, "html", &html, &extra);
        let mut spec = json!({
            "pdf": pdf,
            "geometry": geometry(paper),
            "scene_numbers": true,
        });
        if let Some(chromium) = &chromium {
            let printed = dir.join(format!("{name}-chromium.pdf"));
            print(chromium, &html, &printed);
            spec["chrome"] = json!(printed);
        }
        manifest.insert(name.into(), spec);
    }
    // One speech of three pages.
    let speech = three_page_speech();
    let script = dir.join("speech.bout");
    std::fs::write(
        &script,
        format!(
            "title \"The Speech\"\ncast {{\n  NORA character \"Nora\"\n}}\nscene \"INT. KITCHEN - NIGHT\" {{\n  action \"She sits.\"\n  NORA: \"{speech}\"\n}}\n"
        ),
    )
    .expect("write");
    let pdf = dir.join("speech.pdf");
    render(&script, "pdf", &pdf, &[]);
    manifest.insert(
        "speech".into(),
        json!({"pdf": pdf, "cue": "NORA", "text": speech, "geometry": geometry(Paper::Letter)}),
    );
    // A stage play.
    let stage = root().join("examples/last-orders.bout");
    let pdf = dir.join("stage.pdf");
    let html = dir.join("stage.html");
    render(&stage, "pdf", &pdf, &["--choreography", "both"]);
    render(&stage, "html", &html, &["--choreography", "both"]);
    let source = std::fs::read_to_string(&stage).expect("stage play");
    let checked = bout::check(&source);
    let model = checked.model();
    let cues: Vec<String> = model
        .names
        .cast
        .iter()
        .map(|m| m.cue.as_str().to_uppercase())
        .collect();
    let mut spec = json!({"pdf": pdf, "cues": cues, "geometry": geometry(Paper::Letter), "expect": "FIGHT SCRIPT:"});
    if let Some(chromium) = &chromium {
        let printed = dir.join("stage-chromium.pdf");
        print(chromium, &html, &printed);
        spec["chrome"] = json!(printed);
    }
    manifest.insert("stage".into(), spec);
    let path = dir.join("manifest.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&manifest).expect("JSON"),
    )
    .expect("write");
    let o = Command::new(&python)
        .arg(root().join("tests/interop/check_pages.py"))
        .arg(&path)
        .output()
        .expect("python");
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}");
    assert!(
        o.status.success(),
        "check_pages.py:\n{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A fight table fits the text block on Letter and A4, in the PDF and in
/// Chromium's print of the HTML, even with wide cells and long camera
/// notes; in table mode its `FIGHT SCRIPT:` title stands once a fight.
#[test]
fn fight_tables_stay_inside_the_text_block() {
    let python = python();
    let dir = scratch("tables");
    let script = root().join("tests/fixtures/table/wide-cells.bout");
    let chromium = chromium();
    let mut tables = Vec::new();
    for (paper, flag) in [(Paper::Letter, "letter"), (Paper::A4, "a4")] {
        for choreography in ["table", "both"] {
            let name = format!("{choreography}-{flag}");
            let pdf = dir.join(format!("{name}.pdf"));
            let html = dir.join(format!("{name}.html"));
            let extra = ["--choreography", choreography, "--paper", flag];
            render(&script, "pdf", &pdf, &extra);
            render(&script, "html", &html, &extra);
            let spec = |name: &str, pdf: &Path| json!({"name": name, "pdf": pdf, "geometry": geometry(paper), "titles": 1});
            tables.push(spec(&name, &pdf));
            if let Some(chromium) = &chromium {
                let printed = dir.join(format!("{name}-chromium.pdf"));
                print(chromium, &html, &printed);
                tables.push(spec(&format!("{name} (Chromium)"), &printed));
            }
        }
    }
    let path = dir.join("manifest.json");
    std::fs::write(&path, json!({ "tables": tables }).to_string()).expect("write");
    let o = Command::new(&python)
        .arg(root().join("tests/interop/check_pages.py"))
        .arg(&path)
        .output()
        .expect("python");
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}");
    assert!(
        o.status.success(),
        "check_pages.py:\n{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The layout's own account of how action breaks: between sentences, at
/// least two lines on each side, and it happens in the long script.
#[test]
fn action_splits_between_sentences_with_two_lines_each_side() {
    let source = bout::generate::screenplay(120, 8, 1);
    let checked = bout::check(&source);
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    for paper in [Paper::Letter, Paper::A4] {
        let doc = layout::layout(&play, paper);
        let mut splits = 0;
        for pair in doc.pages.windows(2) {
            let (Some(last), Some(first)) = (pair[0].pieces.last(), pair[1].pieces.first()) else {
                continue;
            };
            if last.kind != Kind::Action
                || first.kind != Kind::Action
                || last.element != first.element
            {
                continue;
            }
            splits += 1;
            let lines = |page: &layout::Page, piece: usize| -> Vec<String> {
                page.lines
                    .iter()
                    .filter(|l| l.piece == piece)
                    .map(|l| l.text.clone())
                    .collect()
            };
            let before = lines(&pair[0], pair[0].pieces.len() - 1);
            let after = lines(&pair[1], 0);
            assert!(
                before.len() >= 2 && after.len() >= 2,
                "{before:?} / {after:?}"
            );
            let end = before.last().expect("a line");
            assert!(
                end.ends_with(['.', '!', '?']),
                "breaks mid-sentence: {end:?}"
            );
        }
        assert!(
            splits >= 3,
            "{paper:?}: only {splits} action paragraphs split"
        );
    }
}

/// Lays out a script with `filler` one-line actions before `rest`.
fn swept(filler: usize, rest: &str) -> layout::Document {
    let mut body = String::new();
    for i in 0..filler {
        body.push_str(&format!("  action \"Line {i}.\"\n"));
    }
    let source = format!(
        "title \"Sweep\"\ncast {{\n  NORA character \"Nora\"\n  SAL character \"Sal\"\n}}\ntransition \"FADE IN:\"\nscene \"INT. ROOM - DAY\" {{\n{body}{rest}}}\n"
    );
    let checked = bout::check(&source);
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.severity != bout::diag::Severity::Error),
        "{:?}",
        checked.diagnostics
    );
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    layout::layout(&play, Paper::Letter)
}

fn texts(page: &layout::Page) -> Vec<&str> {
    page.lines
        .iter()
        .filter(|l| l.role != layout::Role::PageNumber)
        .map(|l| l.text.as_str())
        .collect()
}

/// Wherever the page break falls, a transition is never first on a page,
/// never alone on one, and `FADE IN:` never last; what precedes `CUT TO:`
/// goes over with it.
#[test]
fn transitions_keep_with_their_scene_wherever_the_page_breaks() {
    for filler in 0..40 {
        let doc = swept(
            filler,
            "  action \"He waits. She does not come. The clock ticks on the wall. Rain at the window. He stands, sits, stands again.\"\n  NORA: \"Well?\"\n  transition \"CUT TO:\"\n  SAL: \"Nothing.\"\n  transition \"FADE OUT.\"\n",
        );
        for (i, page) in doc.pages.iter().enumerate().skip(1) {
            let t = texts(page);
            let first = page.pieces.first().map(|p| &p.kind);
            assert!(
                !matches!(first, Some(Kind::Transition { opening: false })),
                "filler {filler}: page {} starts with {:?}",
                i + 1,
                t.first()
            );
            assert!(
                !page
                    .pieces
                    .iter()
                    .all(|p| matches!(p.kind, Kind::Transition { .. })),
                "filler {filler}: page {} holds only {t:?}",
                i + 1
            );
            assert!(
                !matches!(
                    page.pieces.last().map(|p| &p.kind),
                    Some(Kind::Transition { opening: true })
                ),
                "filler {filler}: page {} ends with FADE IN:",
                i + 1
            );
        }
    }
}

/// Wherever the page breaks a long speech, every break has its (MORE)
/// and the next page its `CUE (CONT'D)`, and no word is lost or doubled.
#[test]
fn every_break_in_a_speech_has_more_and_contd_wherever_it_falls() {
    let speech = three_page_speech();
    for filler in (0..50).step_by(3) {
        let doc = swept(filler, &format!("  NORA (at last): \"{speech}\"\n"));
        let body = &doc.pages[1..];
        let mut said = Vec::new();
        let mut breaks = 0;
        for (i, page) in body.iter().enumerate() {
            let t = texts(page);
            let more = t.last() == Some(&"(MORE)");
            if more {
                breaks += 1;
                let next = texts(&body[i + 1]);
                assert_eq!(next.first(), Some(&"NORA (CONT'D)"), "filler {filler}");
            }
            let continues = i > 0 && texts(&body[i - 1]).last() == Some(&"(MORE)");
            assert_eq!(
                continues,
                t.first() == Some(&"NORA (CONT'D)"),
                "filler {filler}: page {} starts {:?}",
                i + 2,
                t.first()
            );
            said.extend(
                page.lines
                    .iter()
                    .filter(|l| l.role == layout::Role::Dialogue)
                    .flat_map(|l| l.text.split_whitespace().map(str::to_owned)),
            );
        }
        assert!(breaks >= 2, "filler {filler}: {breaks} breaks");
        let words: Vec<String> = speech.split_whitespace().map(str::to_owned).collect();
        assert_eq!(said, words, "filler {filler}: the speech read back differs");
    }
}

/// Odd shapes lay out, end, and keep every character: a paragraph with
/// no sentence end longer than a page, a speech that is one long word,
/// blank lines, a parenthetical that is one word.
#[test]
fn odd_shapes_keep_every_character() {
    let no_end = "and then ".repeat(900);
    let long_word = "a".repeat(5000);
    let blank = "One.\\n\\n\\nTwo.\\n\\n".repeat(200);
    // (script line, the text it puts on the page)
    let cases = [
        (format!("  action \"{no_end}\"\n"), no_end.clone()),
        (format!("  NORA: \"{long_word}\"\n"), long_word.clone()),
        (format!("  NORA: \"{no_end}\"\n"), no_end.clone()),
        (format!("  NORA: \"{blank}\"\n"), blank.replace("\\n", " ")),
        (
            format!("  NORA ({}): \"Yes.\"\n", "b".repeat(39)),
            format!("({}) Yes.", "b".repeat(39)),
        ),
    ];
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    for (rest, text) in &cases {
        for filler in [0, 30, 53] {
            let doc = swept(filler, rest);
            let got: usize = doc
                .pages
                .iter()
                .flat_map(|p| &p.lines)
                .filter(|l| {
                    matches!(
                        l.role,
                        layout::Role::Action | layout::Role::Dialogue | layout::Role::Parenthetical
                    )
                })
                .map(|l| count(&l.text))
                .sum();
            let fillers: usize = (0..filler).map(|i| count(&format!("Line {i}."))).sum();
            assert_eq!(got, fillers + count(text), "filler {filler}: {rest:.60}");
        }
    }
}
