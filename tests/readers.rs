//! Every example, in every choreography (prose, table, both), rendered to
//! FDX and Fountain through the CLI and read back by third-party readers,
//! which must find exactly the elements the screenplay holds:
//!
//! - FDX: screenplay-tools and open-fdx-toolkit from PyPI
//!   (`tests/interop/check_fdx.py`): every element, every dual pair (the
//!   toolkit; screenplay-tools cannot see inside a paragraph), every line
//!   of a multi-line speech and every row of a fight table; and the XML
//!   itself as Final Draft writes it (one `Text` per paragraph, dual
//!   dialogue in a `General` paragraph, `ElementSettings`, `PageLayout`,
//!   the title page's alignment and spacing);
//! - Fountain: screenplain (same script) and fountain-js
//!   (`tests/interop/check_fountain.js`).
//!
//! And, on the model, table mode keeps the script: each row stands where
//! its event happens, named by cue, with a clock; the bell once.

mod common;
use common::{bout, examples, python, root, scratch, stem};
use std::process::Command;

use bout::export::screenplay::{self, Choreography, Element, Options, Speech, layout};
use bout::syntax::ast::{Stmt, StmtKind};
use serde_json::{Value, json};

const CHOREOGRAPHIES: [(Choreography, &str); 3] = [
    (Choreography::Prose, "prose"),
    (Choreography::Table, "table"),
    (Choreography::Both, "both"),
];

fn options(choreography: Choreography) -> Options {
    Options {
        scene_numbers: false,
        notes: true,
        choreography,
    }
}

fn speech(s: &Speech) -> Value {
    json!({"cue": s.cue_line(), "parenthetical": s.parenthetical, "text": s.text, "more": s.more})
}

/// What the readers should find, in the form `check_fountain.js` and
/// `check_fdx.py` read: a fight table's part is its heading (a shot, before
/// the fight's first part) and its rows as one action paragraph.
fn meant(play: &screenplay::Screenplay, case: &str) -> Value {
    let mut elements = Vec::new();
    let mut notes = 0;
    for e in &play.elements {
        match e {
            Element::SceneHeading { text, .. } => {
                elements.push(json!({"kind": "Slug", "text": text}))
            }
            Element::Action(text) => elements.push(json!({"kind": "Action", "text": text})),
            Element::Shot(text) => elements.push(json!({"kind": "Shot", "text": text})),
            Element::Dialogue(s) => elements.push(json!({"kind": "Dialog", "speech": speech(s)})),
            Element::DualDialogue(l, r) => {
                elements.push(json!({"kind": "DualDialog", "left": speech(l), "right": speech(r)}))
            }
            Element::Transition(text) => elements.push(
                json!({"kind": "Transition", "text": text, "opening": layout::opening(text)}),
            ),
            Element::Note(text) => {
                notes += 1;
                elements.push(json!({"kind": "Note", "text": text}));
            }
            Element::Centered(text) => elements.push(json!({"kind": "Centered", "text": text})),
            Element::Lyric(text) => elements.push(json!({"kind": "Lyric", "text": text})),
            Element::PageBreak => elements.push(json!({"kind": "PageBreak"})),
            Element::Section { depth, text } => {
                elements.push(json!({"kind": "Section", "depth": depth, "text": text}))
            }
            Element::Synopsis(text) => elements.push(json!({"kind": "Synopsis", "text": text})),
            Element::FightTable(t) => {
                if t.opens {
                    let heading = format!("FIGHT SCRIPT: {}", t.title);
                    elements.push(json!({"kind": "Shot", "text": heading}));
                }
                let rows: Vec<String> = t.rows.iter().map(|r| r.line()).collect();
                elements.push(json!({"kind": "Action", "text": rows.join("\n"), "rows": true}));
            }
        }
    }
    let title_page: Vec<Value> = play
        .title_page
        .iter()
        .map(|(k, v)| json!([format!("{k:?}"), v]))
        .collect();
    json!({
        "payload": case,
        "title_page": title_page,
        "elements": elements,
        "notes": notes,
    })
}

fn run(command: &mut Command, what: &str) -> String {
    let o = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{what}:\n{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    eprintln!("{what}: {}", stdout.trim());
    stdout
}

#[test]
fn fdx_and_fountain_read_back_in_every_choreography() {
    let python = python();
    let dir = scratch("readers");
    let (mut duals, mut long_speeches, mut rows, mut openings) = (0, 0, 0, 0);
    for example in examples() {
        let name = stem(&example);
        let checked = bout::check(&std::fs::read_to_string(&example).expect("example"));
        let model = checked.model();
        for (choreography, flag) in CHOREOGRAPHIES {
            let play = screenplay::build(&model, options(choreography));
            let case = format!("{name}-{flag}");
            let path = |ext: &str| dir.join(format!("{case}.{ext}")).display().to_string();
            for to in ["fountain", "fdx"] {
                let o = bout(&[
                    "render",
                    example.to_str().expect("UTF-8"),
                    "--to",
                    to,
                    "--notes",
                    "--choreography",
                    flag,
                    "-o",
                    &path(to),
                ]);
                assert_eq!(o.status.code(), Some(0), "{case} {to}");
            }
            let meant = meant(&play, &case);
            for e in meant["elements"].as_array().expect("elements") {
                duals += usize::from(e["kind"] == "DualDialog");
                long_speeches += usize::from(
                    e["kind"] == "Dialog"
                        && e["speech"]["text"]
                            .as_str()
                            .is_some_and(|t| t.trim().contains('\n')),
                );
                rows += usize::from(e["rows"] == true);
                openings += usize::from(e["opening"] == true);
            }
            std::fs::write(
                path("meant.json"),
                serde_json::to_string_pretty(&meant).expect("JSON"),
            )
            .expect("write meant");
        }
    }
    // The examples hold what the readers must keep: dual pairs, speeches
    // of several lines, table parts.
    assert!(duals >= 10, "{duals} dual pairs");
    assert!(long_speeches >= 6, "{long_speeches} multi-line speeches");
    assert!(rows >= 10, "{rows} table parts");
    assert!(openings >= 3, "{openings} opening transitions (FADE IN:)");
    let out = run(
        Command::new(&python)
            .arg(root().join("tests/interop/check_fdx.py"))
            .args([
                dir.to_str().expect("UTF-8"),
                root().to_str().expect("UTF-8"),
            ]),
        "check_fdx.py",
    );
    if !out.contains("SKIPPED") {
        for reader in ["screenplay-tools", "open-fdx-toolkit", "screenplain"] {
            assert!(out.contains(&format!("ok: {reader}")), "{reader}: {out}");
        }
    }
    let module = root().join("tests/interop/node_modules/fountain-js");
    assert!(
        module.is_dir(),
        "the Fountain interop test needs fountain-js: run `npm ci --prefix tests/interop` (Node.js)"
    );
    run(
        Command::new("node")
            .arg(root().join("tests/interop/check_fountain.js"))
            .arg(&dir),
        "check_fountain.js",
    );
}

/// What a script says, in order, as table mode must show it: a row for
/// each fight event, a cue for each speech, `action` for each action,
/// sound or pause, the headings and transitions.
fn said(items: &[Stmt], out: &mut Vec<String>) {
    for stmt in items {
        // A `(beat): "…"` line goes on the speech before: no cue of its own.
        if let StmtKind::Dialogue {
            continued: true, ..
        } = &stmt.kind
        {
            continue;
        }
        match &stmt.kind {
            StmtKind::Scene { heading, body, .. } => {
                out.push(format!("slug {}", heading.value.to_uppercase()));
                said(&body.items, out);
            }
            StmtKind::Fight { body, .. }
            | StmtKind::Round { body, .. }
            | StmtKind::Corner { body, .. }
            | StmtKind::RoundsMontage { body, .. }
            | StmtKind::Exchange { body, .. }
            | StmtKind::Montage { body, .. }
            | StmtKind::Broken { body, .. } => said(&body.items, out),
            StmtKind::Move(_)
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell => out.push("row".into()),
            StmtKind::Dialogue { .. } => out.push("cue".into()),
            StmtKind::Action { .. } | StmtKind::Sound { .. } | StmtKind::Pause => {
                out.push("action".into())
            }
            StmtKind::Page { kind, .. }
                if matches!(
                    kind.value,
                    bout::syntax::ast::PageKind::Centered | bout::syntax::ast::PageKind::Lyric
                ) =>
            {
                out.push("action".into())
            }
            StmtKind::Transition { text } => {
                out.push(format!("transition {}", text.value.to_uppercase()))
            }
            _ => {}
        }
    }
}

/// The same, read from the screenplay.
fn shown(play: &screenplay::Screenplay) -> Vec<String> {
    let mut out = Vec::new();
    for e in &play.elements {
        match e {
            Element::SceneHeading { text, .. } => out.push(format!("slug {text}")),
            Element::Action(_) => out.push("action".into()),
            Element::Dialogue(_) => out.push("cue".into()),
            Element::DualDialogue(..) => out.extend(["cue".into(), "cue".into()]),
            Element::Transition(text) => out.push(format!("transition {text}")),
            Element::FightTable(t) => out.extend(t.rows.iter().map(|_| "row".to_owned())),
            Element::Centered(_) | Element::Lyric(_) => out.push("action".into()),
            Element::Shot(_)
            | Element::Note(_)
            | Element::PageBreak
            | Element::Section { .. }
            | Element::Synopsis(_) => {}
        }
    }
    out
}

#[test]
fn table_rows_stand_where_their_events_happen() {
    for example in examples() {
        let name = stem(&example);
        let checked = bout::check(&std::fs::read_to_string(&example).expect("example"));
        let model = checked.model();
        let play = screenplay::build(&model, options(Choreography::Table));
        // Each event a row, where it happens: no move dropped, none moved.
        let mut want = Vec::new();
        said(&model.script.items, &mut want);
        assert_eq!(shown(&play), want, "{name}: the script read in order");
        // Rows numbered through each fight, by cue, each with its clock;
        // the bell a row, never also a sentence.
        let ids: Vec<String> = model
            .names
            .cast
            .iter()
            .filter(|m| m.cue.to_uppercase() != m.id.as_str().replace('_', " "))
            .map(|m| m.id.to_string())
            .collect();
        let mut next = 1;
        let mut fights = 0;
        for e in &play.elements {
            match e {
                Element::FightTable(t) => {
                    if t.opens {
                        next = 1;
                        fights += 1;
                    }
                    for row in &t.rows {
                        assert_eq!(row.number, next, "{name}: {}", row.line());
                        next += 1;
                        let clock = row.clock.split_once(':');
                        assert!(
                            clock.is_some_and(|(m, s)| !m.is_empty()
                                && s.len() == 2
                                && (m.to_owned() + s).chars().all(|c| c.is_ascii_digit())),
                            "{name}: row without a clock: {}",
                            row.line()
                        );
                        let line = row.line();
                        for id in &ids {
                            assert!(
                                !line.split([' ', '\'']).any(|w| w == id),
                                "{name}: row names cast id {id}: {line}"
                            );
                        }
                    }
                }
                Element::Action(text) => {
                    assert!(!text.contains("The bell."), "{name}: the bell twice");
                }
                _ => {}
            }
        }
        let with_events = model
            .fights
            .iter()
            .filter(|f| !f.facts.events.is_empty())
            .count();
        assert_eq!(fights, with_events, "{name}: one table per fight");
    }
}

#[test]
fn fdx_page_layout_follows_the_paper() {
    let example = root().join("examples/the-ward-gym.bout");
    let example = example.to_str().expect("UTF-8");
    for (paper, width, height) in [("letter", "8.50", "11.00"), ("a4", "8.27", "11.69")] {
        let o = bout(&["render", example, "--to", "fdx", "--paper", paper]);
        assert_eq!(o.status.code(), Some(0));
        let fdx = String::from_utf8(o.stdout).expect("UTF-8");
        assert!(
            fdx.contains(&format!(
                "<PageSize Height=\"{height}\" Width=\"{width}\"/>"
            )),
            "{paper}"
        );
    }
}
