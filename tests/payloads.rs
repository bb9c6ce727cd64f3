//! Outputs stay inert for their readers: every payload of
//! `tests/fixtures/payloads/payloads.json` (Fountain structure, CSV formulas,
//! HTML and XML breakers, emphasis and notes) goes into every string
//! position of `tests/fixtures/payloads/template.bout`; `bout` renders each
//! script to every format through the CLI, and each output is read back by
//! a real reader, which must find exactly the elements we meant:
//!
//! - Fountain: screenplain (`tests/interop/check_payloads.py`) and
//!   fountain-js (`tests/interop/check_fountain.js`): same element kinds in
//!   the same order, same scene headings, cues, transitions, action and
//!   dialogue text, every title-page field, no note, boneyard, section,
//!   synopsis, lyric, centered text or page break we did not write, and (in
//!   fountain-js) no emphasis;
//! - FDX: an XML parser; the paragraph types and texts we meant, the title
//!   page with every field;
//! - HTML: Python's html.parser; only the tags and attributes we write, no
//!   script, image, event handler or comment, the headings, cues and title;
//! - CSV: Python's csv module; no cell starts with a formula character, and
//!   each text read back (less the `'`) is the JSON's;
//! - JSON, OpenTimelineIO and the graph JSON: `check_timeline.py`; SVG: an
//!   XML parser (no script, no handler); DOT: Graphviz.

mod common;
use common::{bout, python, root, scratch};
use std::process::Command;

use bout::export::screenplay::{self, Choreography, Element, Options, Speech, layout};
use serde_json::{Value, json};

/// The payloads, as written in the fixture.
fn payloads() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/payloads/payloads.json"))
        .expect("payloads.json");
    serde_json::from_str(&text).expect("payloads.json is a list of strings")
}

/// `text` as a bout string literal's contents.
fn bout_string(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The template with `payload` in every string position.
fn script(payload: &str) -> String {
    let template = std::fs::read_to_string(root().join("tests/fixtures/payloads/template.bout"))
        .expect("template");
    let one_line = payload.replace('\n', " ");
    let inline = |close: char| {
        let t = one_line.replace(close, "").trim().to_owned();
        if t.is_empty() { "x".to_owned() } else { t }
    };
    template
        .replace("{P}", &bout_string(payload))
        .replace("{EXT}", &inline(']'))
        .replace("{PAREN}", &inline(')'))
}

fn speech(s: &Speech) -> Value {
    json!({"cue": s.cue_line(), "parenthetical": s.parenthetical, "text": s.text, "more": s.more})
}

/// What the readers should find, as JSON for the checkers.
fn meant(play: &screenplay::Screenplay, payload: &str) -> Value {
    let mut elements = Vec::new();
    let mut notes = 0;
    for e in &play.elements {
        elements.push(match e {
            Element::SceneHeading { text, .. } => json!({"kind": "Slug", "text": text}),
            Element::Action(text) => json!({"kind": "Action", "text": text}),
            Element::Shot(text) => json!({"kind": "Shot", "text": text}),
            Element::Dialogue(s) => json!({"kind": "Dialog", "speech": speech(s)}),
            Element::DualDialogue(l, r) => {
                json!({"kind": "DualDialog", "left": speech(l), "right": speech(r)})
            }
            Element::Transition(text) => {
                json!({"kind": "Transition", "text": text, "opening": layout::opening(text)})
            }
            Element::Note(_) => {
                notes += 1;
                continue;
            }
            Element::FightTable(_) => panic!("the payload scripts render prose only"),
            Element::Centered(text) => json!({"kind": "Centered", "text": text}),
            Element::Lyric(text) => json!({"kind": "Lyric", "text": text}),
            Element::PageBreak => json!({"kind": "PageBreak"}),
            Element::Section { depth, text } => {
                json!({"kind": "Section", "depth": depth, "text": text})
            }
            Element::Synopsis(text) => json!({"kind": "Synopsis", "text": text}),
        });
    }
    let title_page: Vec<Value> = play
        .title_page
        .iter()
        .map(|(k, v)| json!([format!("{k:?}"), v]))
        .collect();
    json!({
        "payload": payload,
        "title": screenplay::title(play),
        "title_page": title_page,
        "elements": elements,
        "notes": notes,
    })
}

fn run(command: &mut Command, what: &str) {
    let o = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        o.status.success(),
        "{what}:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    eprintln!("{what}: {}", String::from_utf8_lossy(&o.stdout).trim());
}

#[test]
fn every_payload_stays_inert_in_every_format() {
    let python = python();
    let dir = scratch("payloads");
    let payloads = payloads();
    assert!(payloads.len() >= 19);
    for (i, payload) in payloads.iter().enumerate() {
        let stem = format!("p{i:02}");
        let source = script(payload);
        let checked = bout::check(&source);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == bout::diag::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{payload:?}: {errors:?}");
        let model = checked.model();
        let play = screenplay::build(
            &model,
            Options {
                scene_numbers: false,
                notes: true,
                choreography: Choreography::Prose,
            },
        );
        let path = |ext: &str| {
            dir.join(format!("{stem}.{ext}"))
                .to_str()
                .expect("UTF-8")
                .to_owned()
        };
        std::fs::write(path("bout"), &source).expect("write script");
        std::fs::write(
            path("meant.json"),
            serde_json::to_string_pretty(&meant(&play, payload)).expect("JSON"),
        )
        .expect("write meant");
        let script = path("bout");
        for to in ["fountain", "fdx", "html"] {
            let o = bout(&["render", &script, "--to", to, "--notes", "-o", &path(to)]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{payload:?} render --to {to}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        for (to, ext) in [
            ("json", "json"),
            ("otio", "otio"),
            ("csv", "csv"),
            ("svg", "svg"),
        ] {
            let o = bout(&["timeline", &script, "--to", to, "-o", &path(ext)]);
            assert_eq!(o.status.code(), Some(0), "{payload:?} timeline --to {to}");
        }
        for (to, ext) in [("dot", "dot"), ("json", "graph.json")] {
            let o = bout(&["graph", &script, "--to", to, "-o", &path(ext)]);
            assert_eq!(o.status.code(), Some(0), "{payload:?} graph --to {to}");
        }
        // Graphviz reads the DOT.
        run(
            Command::new("dot").args(["-Tsvg", "-o", &path("dot.svg"), &path("dot")]),
            &format!("dot ({payload:?})"),
        );
    }
    let dir = dir.to_str().expect("UTF-8");
    // screenplain, XML, html.parser, csv, SVG, OpenTimelineIO, jsonschema.
    run(
        Command::new(&python)
            .arg(root().join("tests/interop/check_payloads.py"))
            .args([dir, root().to_str().expect("UTF-8")]),
        "check_payloads.py",
    );
    // fountain-js.
    let module = root().join("tests/interop/node_modules/fountain-js");
    assert!(
        module.is_dir(),
        "the Fountain interop test needs fountain-js: run `npm ci --prefix tests/interop` (Node.js)"
    );
    run(
        Command::new("node")
            .arg(root().join("tests/interop/check_fountain.js"))
            .arg(dir),
        "check_fountain.js",
    );
}
