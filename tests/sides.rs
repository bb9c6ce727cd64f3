//! `bout sides`: a performer's sides from Rocky IV, read back from the PDF
//! (poppler's `pdftotext`) and the HTML (Python's `html.parser`), and the
//! builder on small scripts.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use bout::export::screenplay::{Element, Screenplay};
use common::{bout, python, scratch};

const ROCKY: &str = "examples/rocky-iv.bout";

/// The PDF at `path` as text, laid out.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// Writes the sides of `ids` as `to` into a scratch file; its path.
fn sides_file(test: &str, ids: &str, to: &str) -> std::path::PathBuf {
    let dir = scratch(test);
    let out = dir.join(format!("sides.{to}"));
    let run = bout(&[
        "sides",
        ROCKY,
        "--for",
        ids,
        "--to",
        to,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "bout sides failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// Whether some line of `text`, split on white space, starts with the words
/// of `row` (a table row read back from the PDF).
fn has_row(text: &str, row: &str) -> bool {
    let want: Vec<&str> = row.split_whitespace().collect();
    text.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.len() >= want.len() && words[..want.len()] == want[..]
    })
}

/// Where `needle` first stands in `text`, or a failure naming it.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is missing from:\n{text}"))
}

#[test]
fn apollos_pdf_holds_his_scenes_lines_cues_and_rows() {
    let pdf = sides_file("apollo-pdf", "APOLLO", "pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    // The title page names him, before the first scene.
    let title = at(&text, "Sides for Apollo Creed (APOLLO)");
    assert!(title < at(&text, "INT. HOTEL BALLROOM"));
    at(&text, "ROCKY IV");
    // His lines, each after its cue.
    for (cue, line) in [
        (
            "My husband does not say much.",
            "Then his hands better learn English",
        ),
        ("You will lose.", "How'd I do?"),
        (
            "CLOSE ON DRAGO: HE DOES NOT BLINK.",
            "I feel like I'm born again, Rock.",
        ),
        (
            "It's over. I'm stopping it.",
            "No. You don't stop this fight.",
        ),
    ] {
        assert!(
            at(&text, cue) < at(&text, line),
            "`{cue}` should come before `{line}`"
        );
    }
    // The action that names him.
    at(&text, "APOLLO vaults the table");
    // What lies between is condensed, naming who speaks.
    at(&text, "[… 3 lines omitted: REPORTER speaks …]");
    // LUDMILLA and KOLOFF at once, then KOLOFF: three lines.
    at(&text, "[… 3 lines omitted: LUDMILLA, KOLOFF speak …]");
    at(&text, "[… 1 line omitted: DUKE speaks …]");
    assert!(!text.contains("Mr. Drago, how do you feel"));
    assert!(!text.contains("Stay off the ropes"));
    // His fight's rows, numbered through the fight, clocked, with knap,
    // contact and the mat in the notes.
    at(&text, "FIGHT: APOLLO vs DRAGO");
    for row in [
        "1 1 0:00 APOLLO jab head DRAGO block",
        "8 1 0:45 DRAGO right uppercut chin APOLLO down mat",
        "9 1 0:48 REFEREE count 6",
        "10 1 0:54 APOLLO up",
        "12 1 2:00 bell",
        "13 2 0:00 DRAGO jab head x2 APOLLO hit",
        "15 2 0:05 DRAGO right hook head APOLLO out mat",
    ] {
        assert!(has_row(&text, row), "row `{row}` is missing from:\n{text}");
    }
    assert!(at(&text, "ROUND 1") < at(&text, "ROUND 2"));
    // Not the scenes he is not in: Moscow, Rocky's speech, Drago's rows
    // there.
    assert!(!text.contains("INT. MOSCOW SPORTS ARENA"), "{text}");
    assert!(!text.contains("everybody can change"));
    assert!(!text.contains("EXT. CREED MANSION"));
    assert!(!text.contains("left-brow"));
    assert!(!has_row(&text, "16 15"));
}

/// The rows of every table of an HTML document, each a list of cells.
fn html_rows(html: &str) -> Vec<Vec<String>> {
    let script = r#"
import sys, json
from html.parser import HTMLParser
class Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.row = []
        elif tag == "td" and self.row is not None: self.cell = ""
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row.append(self.cell.strip()); self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row: self.rows.append(self.row)
            self.row = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
p = Rows(); p.feed(sys.stdin.read()); print(json.dumps(p.rows))
"#;
    let mut child = Command::new(python())
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(html.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("JSON rows")
}

#[test]
fn dragos_html_holds_his_rows_of_both_fights() {
    let html = std::fs::read_to_string(sides_file("drago-html", "DRAGO", "html")).unwrap();
    let rows = html_rows(&html);
    let row = |cells: &[&str]| -> bool {
        rows.iter()
            .any(|r| r.len() == 9 && r.iter().zip(cells).all(|(a, b)| a == b))
    };
    // Vegas: as attacker, his uppercut on the mat; as defender, Apollo's jab.
    assert!(
        row(&[
            "8",
            "1",
            "0:45",
            "DRAGO",
            "right uppercut chin",
            "APOLLO down",
            "",
            "",
            "mat"
        ]),
        "{rows:?}"
    );
    assert!(
        row(&["1", "1", "0:00", "APOLLO", "jab head", "DRAGO block"]),
        "{rows:?}"
    );
    // Moscow: Rocky's hook cuts him in round 2 at 0:40; the last knockdown.
    assert!(
        row(&[
            "9",
            "2",
            "0:40",
            "ROCKY",
            "right hook head",
            "DRAGO cut left-brow"
        ]),
        "{rows:?}"
    );
    assert!(
        row(&[
            "16",
            "15",
            "0:06",
            "ROCKY",
            "left hook chin",
            "DRAGO down",
            "",
            "",
            "mat"
        ]),
        "{rows:?}"
    );
    assert!(
        row(&["17", "15", "0:09", "REFEREE", "count 10"]),
        "{rows:?}"
    );
    // The partner's own rise is not his event: the number shows the gap.
    assert!(!row(&["10", "1", "0:54", "APOLLO", "up"]), "{rows:?}");
    assert!(
        !rows.iter().any(|r| r[4] == "up" && r[3] != "DRAGO"),
        "{rows:?}"
    );
    // Both fights, every kept row numbered within its own fight.
    assert!(
        rows.iter()
            .all(|r| r.len() == 9 && r[0].parse::<usize>().is_ok())
    );
    assert_eq!(rows.iter().filter(|r| r[0] == "1").count(), 2, "{rows:?}");
    // His lines and the scenes that name him; not what he has no part in.
    assert!(html.contains("If he dies, he dies."));
    assert!(html.contains("I must break you."));
    assert!(
        html.contains("EXT. SIBERIAN FARM"),
        "the montage names DRAGO"
    );
    assert!(!html.contains("EXT. CREED MANSION"));
    assert!(!html.contains("You can&#39;t win") && !html.contains("You can't win"));
    assert!(!html.contains("Go for it."));
    assert!(html.contains("Sides for Ivan Drago (DRAGO)"));
    assert!(html.contains("FIGHT: ROCKY vs DRAGO"));
}

#[test]
fn an_unknown_id_exits_2_and_writes_nothing() {
    let dir = scratch("unknown");
    for ids in ["NOPE", "APOLLO,NOPE", "apollo"] {
        let out = dir.join("sides.pdf");
        let run = bout(&[
            "sides",
            ROCKY,
            "--for",
            ids,
            "--to",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(2), "--for {ids}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        let bad = ids.rsplit(',').next().unwrap();
        assert!(
            stderr.contains(&format!("no cast member `{bad}` in the script")),
            "{stderr}"
        );
        assert!(
            stderr.contains("its cast: ROCKY, DRAGO, APOLLO"),
            "{stderr}"
        );
        assert!(!out.exists(), "nothing written for --for {ids}");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "no temporary left"
        );
    }
    // To stdout: nothing on stdout either.
    let run = bout(&["sides", ROCKY, "--for", "NOPE", "--to", "html"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stdout.is_empty());
    // `--for` and `--to` are required.
    assert_eq!(
        bout(&["sides", ROCKY, "--to", "html"]).status.code(),
        Some(2)
    );
    assert_eq!(
        bout(&["sides", ROCKY, "--for", "APOLLO"]).status.code(),
        Some(2)
    );
}

#[test]
fn several_ids_make_one_document_for_all() {
    let pdf = sides_file("both", "APOLLO,DRAGO", "pdf");
    let text = pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Sides for Apollo Creed (APOLLO) and Ivan Drago (DRAGO)"),
        "{text}"
    );
    // Apollo's alone, Drago's alone, and both fights.
    at(&text, "How'd I do?");
    at(&text, "I must break you.");
    assert!(has_row(&text, "10 1 0:54 APOLLO up"));
    assert!(has_row(
        &text,
        "9 2 0:40 ROCKY right hook head DRAGO cut left-brow"
    ));
    // Drago's line after the Vegas fight is Drago's now, not a stretch.
    assert!(!text.contains("omitted: DRAGO speaks"));
    // A scene in which either is comes once, in script order.
    assert_eq!(text.matches("INT. MGM GRAND ARENA").count(), 1);
    assert!(at(&text, "INT. HOTEL BALLROOM") < at(&text, "INT. MGM GRAND ARENA"));
    assert!(at(&text, "INT. MGM GRAND ARENA") < at(&text, "INT. MOSCOW SPORTS ARENA"));
}

#[test]
fn stdin_reads_like_the_file() {
    let source = std::fs::read(common::root().join(ROCKY)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bout"))
        .args(["sides", "-", "--for", "DRAGO", "--to", "html"])
        .current_dir(common::root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bout runs");
    child.stdin.take().unwrap().write_all(&source).unwrap();
    let piped = child.wait_with_output().unwrap();
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let file = bout(&["sides", ROCKY, "--for", "DRAGO", "--to", "html"]);
    assert!(file.status.success());
    assert!(String::from_utf8_lossy(&piped.stdout).contains("Sides for Ivan Drago (DRAGO)"));
    assert_eq!(piped.stdout, file.stdout);
}

/// The sides of `ids` in `source`, which must check clean.
fn build(source: &str, ids: &[&str]) -> Result<Screenplay, String> {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let (checked, sides) = bout::check::check_then(source, &Default::default(), |model| {
        bout::export::sides::build(model, &ids)
    });
    sides.unwrap_or_else(|| panic!("the script has errors: {:?}", checked.diagnostics))
}

const GYM: &str = r#"title "Gym"
production screen
cast {
  AL fighter "Al Smith"
  BO fighter "Bo Jones"
  CY character "Cy"
  REF referee "Ref"
}
scene "INT. GYM - DAY" {
  action "AL wraps his hands."
  action "ALBERT and Al watch from the door; AL_BERT too."
  CY: "Ready?"
  beat
  AL: "Ready."
  CY: "Go on then."
  BO: "Let's go."
  fight AL vs BO {
    rules amateur
    rounds 1
    referee REF
    round 1 {
      AL jab head -> BO hit
      BO cross head -> AL slip left
      CY: "Again!"
      BO jab head -> AL hit
      bell
    }
    result draw
  }
}
scene "EXT. ROOF - NIGHT" {
  CY: "Nobody here."
  action "BO looks down at the street."
}
"#;

fn texts(play: &Screenplay) -> Vec<String> {
    play.elements
        .iter()
        .map(|e| match e {
            Element::SceneHeading { text, number } => {
                format!("SCENE {} {text}", number.as_deref().unwrap_or(""))
            }
            Element::Action(t) => format!("ACTION {t}"),
            Element::Dialogue(s) => format!("{}: {}", s.cue, s.text),
            Element::Shot(t) => format!("SHOT {t}"),
            Element::FightTable(t) => format!(
                "TABLE {}: {}",
                t.title,
                t.rows
                    .iter()
                    .map(|r| r.line())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn the_builder_keeps_lines_cues_named_action_and_rows() {
    let play = build(GYM, &["AL"]).expect("AL is cast");
    assert_eq!(
        texts(&play),
        [
            "SCENE 1 INT. GYM - DAY",
            "ACTION AL wraps his hands.",
            "ACTION [… 1 line omitted: action …]",
            "CY: Ready?",
            "ACTION Beat.",
            "AL: Ready.",
            "ACTION [… 2 lines omitted: CY, BO speak …]",
            "SHOT FIGHT: AL vs BO",
            "SHOT ROUND 1",
            "TABLE AL vs BO: 1. R1 0:00 AL jab head -> BO hit | 2. R1 0:00 BO cross head -> AL slip left",
            "ACTION [… 1 line omitted: CY speaks …]",
            "TABLE AL vs BO: 3. R1 0:02 BO jab head -> AL hit | 4. R1 3:00 bell",
        ]
    );
    assert_eq!(play.lines.len(), play.elements.len());
    // Only the first part of the fight's table opens it.
    let opens: Vec<bool> = play
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::FightTable(t) => Some(t.opens),
            _ => None,
        })
        .collect();
    assert_eq!(opens, [true, false]);
    assert!(play.title_page.iter().any(
        |(k, v)| *k == bout::syntax::words::TitleKey::Credit && v == "Sides for Al Smith (AL)"
    ));
    // BO is named in the roof scene's action: that scene is his.
    let bo = texts(&build(GYM, &["BO"]).unwrap());
    assert!(
        bo.contains(&"ACTION BO looks down at the street.".to_owned()),
        "{bo:?}"
    );
    // An action takes no cue: the line before it is a stretch.
    assert!(
        bo.ends_with(&[
            "SCENE 2 EXT. ROOF - NIGHT".to_owned(),
            "ACTION [… 1 line omitted: CY speaks …]".to_owned(),
            "ACTION BO looks down at the street.".to_owned(),
        ]),
        "{bo:?}"
    );
    // CY has no fight: the event before his line in it is his cue (a
    // one-row table, numbered in the fight), under the fight's markers;
    // the other events are a stretch of action.
    let cy = texts(&build(GYM, &["CY"]).unwrap());
    let fight = cy.iter().position(|t| t == "SHOT FIGHT: AL vs BO");
    assert!(fight.is_some(), "{cy:?}");
    assert_eq!(
        cy[fight.unwrap()..],
        [
            "SHOT FIGHT: AL vs BO",
            "SHOT ROUND 1",
            // The event omitted in round 1 is noted in round 1.
            "ACTION [… 1 line omitted: action …]",
            "TABLE AL vs BO: 2. R1 0:00 BO cross head -> AL slip left",
            "CY: Again!",
            "ACTION [… 2 lines omitted: action …]",
            "SCENE 2 EXT. ROOF - NIGHT",
            "CY: Nobody here.",
            "ACTION [… 1 line omitted: action …]",
        ],
        "{cy:?}"
    );
}

#[test]
fn the_builder_names_an_unknown_id() {
    let err = build(GYM, &["AL", "DEE"]).unwrap_err();
    assert_eq!(
        err,
        "no cast member `DEE` in the script (its cast: AL, BO, CY, REF)"
    );
}

#[test]
fn kept_text_reads_emphasis_as_the_screenplay_does() {
    let source = GYM.replace("AL wraps his hands.", "*AL* wraps his _hands_.");
    let sides = build(&source, &["AL"]).unwrap();
    let (_, play) = bout::check::check_then(&source, &Default::default(), |model| {
        bout::export::screenplay::build(model, Default::default())
    });
    let action = |play: &Screenplay| {
        play.elements
            .iter()
            .find_map(|e| match e {
                Element::Action(t) if t.contains("wraps") => Some(t.clone()),
                _ => None,
            })
            .expect("the action")
    };
    let theirs = action(&sides);
    assert_eq!(theirs, action(&play.unwrap()));
    assert!(!theirs.contains('*') && !theirs.contains('_'), "{theirs:?}");
    // The stretch lines are text, never markup.
    assert!(
        sides
            .elements
            .iter()
            .any(|e| matches!(e, Element::Action(t) if t == "[… 2 lines omitted: CY, BO speak …]"))
    );
}

/// Found by a user: the one who knaps a blow by name has its row on his
/// sides; the knap column names who knaps, so "self" cannot be read as the
/// reader.
#[test]
fn knappers_and_the_end_of_the_fight() {
    const BAR: &str = r#"title "The Crown"
production stage
cast {
  JOE   fighter "Joe"
  FRANK fighter "Frank"
  COLM  character "Colm"
}
scene "ACT ONE, SCENE 1. THE CROWN." {
  action "COLM stands behind the bar."
  fight JOE vs FRANK {
    rules street
    JOE slap head contact light knap COLM -> FRANK hit
    FRANK shove body contact light knap self -> JOE stagger
    JOE hook body contact light knap victim -> FRANK out
    result JOE ko
  }
}
"#;
    let colm = texts(&build(BAR, &["COLM"]).unwrap());
    assert!(
        colm.iter()
            .any(|t| t.starts_with("TABLE") && t.contains("JOE slap head -> FRANK hit")),
        "{colm:?}"
    );
    let frank = build(BAR, &["FRANK"]).unwrap();
    let knaps: Vec<String> = frank
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::FightTable(t) => {
                Some(t.rows.iter().map(|r| r.knap.clone()).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(knaps, ["COLM", "FRANK (self)", "FRANK (victim)"]);
}
