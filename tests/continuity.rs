//! `bout continuity`: the injury continuity report, read back by real
//! readers — the JSON against its committed schema (jsonschema), the CSV
//! with Python's `csv`, the HTML with Python's `html.parser` — on
//! `examples/rocky-iv.bout` and on small scripts written here; and the CLI
//! conventions every export follows (`-` for stdin, exit statuses, `-o`).

mod common;
use common::{bout, exits, py, root, scratch};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

#[test]
fn the_committed_schema_is_current() {
    let path = root().join("docs/continuity.schema.json");
    let generated = bout::export::continuity::schema();
    if std::env::var_os("BOUT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/continuity.schema.json is stale: run `BOUT_UPDATE_DOCS=1 cargo test --test continuity`"
    );
}

const ROCKY: &str = "examples/rocky-iv.bout";

/// Runs `bout` with `args`, `stdin` piped in.
fn bout_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bout"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bout runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("stdin written");
    drop(input);
    child.wait_with_output().expect("bout ends")
}

/// The 1-based line of `text` holding `needle`.
fn line_in(text: &str, needle: &str) -> u64 {
    let index = text
        .lines()
        .position(|l| l.contains(needle))
        .expect("the script holds the line");
    index as u64 + 1
}

/// The 1-based line of `examples/rocky-iv.bout` holding `needle`.
fn rocky_line(needle: &str) -> u64 {
    line_in(
        &std::fs::read_to_string(root().join(ROCKY)).expect("example"),
        needle,
    )
}

/// The JSON report of the script at `path`.
fn json_of(path: &str) -> serde_json::Value {
    let o = bout(&["continuity", path, "--to", "json"]);
    exits(&o, 0);
    serde_json::from_slice(&o.stdout).expect("one JSON document")
}

/// The injuries of `cue` in a JSON report.
fn injuries_of<'a>(report: &'a serde_json::Value, cue: &str) -> Vec<&'a serde_json::Value> {
    report["injuries"]
        .as_array()
        .expect("injuries")
        .iter()
        .filter(|i| i["cue"] == cue)
        .collect()
}

/// The `part` of each carried entry of `injury` (null for a whole scene),
/// with its scene.
fn carried(injury: &serde_json::Value) -> Vec<(u64, Option<String>)> {
    injury["carried"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| {
            (
                c["scene"].as_u64().expect("scene"),
                c["part"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// Writes `text` as `name` in a scratch directory of its own.
fn script(dir: &str, name: &str, text: &str) -> String {
    let dir = scratch(dir);
    let path = dir.join(name);
    std::fs::write(&path, text).expect("script written");
    path.to_str().expect("UTF-8").to_owned()
}

const VALIDATE: &str = "import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
print(json.dumps(len(doc['injuries'])))";

#[test]
fn rocky_iv_as_json_validates_and_reports_dragos_cut() {
    let dir = scratch("json");
    let out = dir.join("rocky.json");
    let out = out.to_str().expect("UTF-8");
    exits(&bout(&["continuity", ROCKY, "--to", "json", "-o", out]), 0);
    let schema = root().join("docs/continuity.schema.json");
    let count = py(VALIDATE, &[schema.to_str().expect("UTF-8"), out]);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out).expect("written")).expect("JSON");
    assert_eq!(
        count,
        report["injuries"].as_array().expect("injuries").len()
    );
    assert_eq!(report["title"], "Rocky IV");

    // Drago's cut over the left eye: where and when it happened.
    let drago = injuries_of(&report, "DRAGO");
    let cut: Vec<_> = drago.iter().filter(|i| i["kind"] == "cut").collect();
    assert_eq!(cut.len(), 1, "{drago:#?}");
    let cut = cut[0];
    assert_eq!(cut["fighter"], "DRAGO");
    assert_eq!(cut["name"], "Ivan Drago");
    assert_eq!(cut["location"], "left-brow");
    let first = &cut["first"];
    assert_eq!(first["scene"], 5);
    assert_eq!(first["scene_number"], "5");
    assert_eq!(first["heading"], "INT. MOSCOW SPORTS ARENA - NIGHT");
    assert_eq!(first["fight"], 2);
    assert_eq!(first["fight_title"], "ROCKY vs DRAGO");
    assert_eq!(first["fight_label"], "moscow-fight");
    assert_eq!(first["round"], 2);
    assert_eq!(first["clock"], "0:40");
    assert_eq!(first["blow"], "ROCKY right hook head");
    assert_eq!(
        first["line"],
        rocky_line("ROCKY right hook head -> DRAGO cut left-brow")
    );
    assert_eq!(cut["worsened"], serde_json::json!([]));
    // Carried through the rest of the fight and the scene, not into
    // Rocky's corners, and no later scene (there is none).
    let five = |part: &str| (5, Some(part.to_owned()));
    assert_eq!(
        carried(cut),
        [
            five("rounds 3\u{2013}14"),
            five("round 15"),
            five("after the fight")
        ]
    );
    let lines: Vec<u64> = cut["carried"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| c["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(
        lines,
        [
            rocky_line("montage rounds 3..14"),
            rocky_line("round 15 #last-round"),
            rocky_line("ROCKY, swollen and bleeding"),
        ]
    );

    // Drago's knockdown in round 15, counted out.
    let down: Vec<_> = drago.iter().filter(|i| i["kind"] == "knockdown").collect();
    assert_eq!(down.len(), 1);
    assert_eq!(down[0]["location"], serde_json::Value::Null);
    assert_eq!(down[0]["ends_fight"], "counted-out");
    assert_eq!(down[0]["first"]["round"], 15);

    // Rocky's knockdown in round 1: through his corners and every later
    // round, to the end of the scene.
    let rocky = injuries_of(&report, "ROCKY");
    assert_eq!(rocky.len(), 1);
    assert_eq!(rocky[0]["kind"], "knockdown");
    assert_eq!(rocky[0]["ends_fight"], serde_json::Value::Null);
    assert_eq!(rocky[0]["first"]["round"], 1);
    assert_eq!(
        carried(rocky[0]),
        [
            five("corner ROCKY after round 1"),
            five("round 2"),
            five("corner ROCKY after round 2"),
            five("rounds 3\u{2013}14"),
            five("corner ROCKY after round 14"),
            five("round 15"),
            five("after the fight"),
        ]
    );

    // Apollo: knocked down in round 1, knocked out in round 2 (`out` ends
    // the fight); a knockdown is carried to the end of its scene only.
    let apollo = injuries_of(&report, "APOLLO");
    let kinds: Vec<(&str, &serde_json::Value, &serde_json::Value)> = apollo
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().expect("kind"),
                &i["first"]["round"],
                &i["ends_fight"],
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("knockdown", &serde_json::json!(1), &serde_json::Value::Null),
            (
                "knockdown",
                &serde_json::json!(2),
                &serde_json::json!("knockout")
            ),
        ]
    );
    let two = |part: &str| (2, Some(part.to_owned()));
    assert_eq!(
        carried(apollo[0]),
        [
            two("corner APOLLO after round 1"),
            two("round 2"),
            two("after the fight")
        ]
    );
    assert_eq!(carried(apollo[1]), [two("after the fight")]);

    // Fighters in cast order (ROCKY, DRAGO, APOLLO), each in story order.
    let order: Vec<&str> = report["injuries"]
        .as_array()
        .expect("injuries")
        .iter()
        .map(|i| i["cue"].as_str().expect("cue"))
        .collect();
    assert_eq!(order, ["ROCKY", "DRAGO", "DRAGO", "APOLLO", "APOLLO"]);

    // The make-up chart: every scene; Drago's cut in scene 5 only.
    let chart = report["chart"].as_array().expect("chart");
    assert_eq!(chart.len(), 5);
    let scene5 = &chart[4];
    assert_eq!(scene5["heading"], "INT. MOSCOW SPORTS ARENA - NIGHT");
    assert!(
        scene5["cast"]
            .as_array()
            .expect("cast")
            .iter()
            .any(|c| c == "DRAGO")
    );
    let drago5: Vec<_> = scene5["carries"]
        .as_array()
        .expect("carries")
        .iter()
        .filter(|c| c["cue"] == "DRAGO")
        .collect();
    assert_eq!(drago5.len(), 1);
    assert_eq!(
        drago5[0]["injuries"],
        serde_json::json!([
            "cut over the left brow (scene 5, round 2 at 0:40)",
            "knocked down and counted out (scene 5, round 15 at 0:06)"
        ])
    );
    assert_eq!(chart[3]["carries"], serde_json::json!([]));
}

const READ_CSV: &str = "import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f, strict=True))
print(json.dumps(rows))";

/// The CSV at `path` as rows of cells, read by Python's `csv`.
fn csv_rows(path: &str) -> Vec<Vec<String>> {
    serde_json::from_value(py(READ_CSV, &[path])).expect("rows of strings")
}

#[test]
fn rocky_iv_as_csv_is_the_breakdown_by_part() {
    let dir = scratch("csv");
    let out = dir.join("rocky.csv");
    let out = out.to_str().expect("UTF-8");
    // CSV is the default format.
    exits(&bout(&["continuity", ROCKY, "-o", out]), 0);
    let bytes = std::fs::read(out).expect("written");
    assert!(bytes.ends_with(b"\r\n"), "RFC 4180 line ends");
    let rows = csv_rows(out);
    assert_eq!(
        rows[0],
        [
            "scene",
            "heading",
            "part",
            "cast",
            "fighter",
            "makeup_note",
            "since_scene",
            "since_round",
            "line"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == 9), "{rows:#?}");
    // Drago's cut: the round where it opens, then each later part of scene
    // 5 he is in, through "after the fight".
    let cut: Vec<(&str, &str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[4] == "DRAGO" && r[5].starts_with("Cut over the left brow"))
        .map(|r| (r[0].as_str(), r[2].as_str(), r[6].as_str(), r[7].as_str()))
        .collect();
    assert_eq!(
        cut,
        [
            ("5", "round 2", "5", "2"),
            ("5", "rounds 3\u{2013}14", "5", "2"),
            ("5", "round 15", "5", "2"),
            ("5", "after the fight", "5", "2"),
        ]
    );
    let notes: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| r[4] == "DRAGO" && r[5].starts_with("Cut"))
        .map(|r| r[5].as_str())
        .collect();
    assert_eq!(
        notes[0],
        "Cut over the left brow opens in round 2 at 0:40 (ROCKY right hook head)"
    );
    assert_eq!(notes[3], "Cut over the left brow, fresh from round 2");
    // The row's cast and line are the part's: Drago is in the cast of
    // "after the fight", which starts at Rocky's speech.
    let after = rows[1..]
        .iter()
        .find(|r| r[4] == "DRAGO" && r[2] == "after the fight" && r[5].starts_with("Cut"))
        .expect("after the fight");
    assert_eq!(after[1], "INT. MOSCOW SPORTS ARENA - NIGHT");
    assert_eq!(after[3], "ROCKY, DRAGO, CROWD");
    assert_eq!(
        after[8],
        rocky_line("ROCKY, swollen and bleeding").to_string()
    );
    // Rocky's knockdown, in words a make-up artist reads.
    assert!(rows[1..].iter().any(|r| r[4] == "ROCKY"
        && r[2] == "round 15"
        && r[5] == "Knocked down in round 1: show fatigue, sweat"));
    // Story order: scenes never go back.
    let scenes: Vec<u32> = rows[1..].iter().map(|r| r[0].parse().expect("n")).collect();
    assert!(scenes.windows(2).all(|w| w[0] <= w[1]), "{scenes:?}");
}

const READ_HTML: &str = "import json, sys
from html.parser import HTMLParser
class Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.faces = []
        self.tags = set()
        self.rows = 0
        self.items = []
        self.in_li = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if tag == 'svg' and 'face' in a.get('class', '').split():
            self.faces.append({'fighter': a['data-fighter'], 'marks': []})
        if tag == 'g' and 'mark' in a.get('class', '').split():
            self.faces[-1]['marks'].append({
                'class': a['class'], 'location': a['data-location'],
                'number': a['data-number'], 'x': int(a['data-x']), 'y': int(a['data-y'])})
        if tag == 'tr' and 'data-scene' in a:
            self.rows += 1
with open(sys.argv[1], encoding='utf-8') as f:
    text = f.read()
r = Reader()
r.feed(text)
r.close()
print(json.dumps({'faces': r.faces, 'tags': sorted(r.tags), 'rows': r.rows, 'text': text}))";

/// The faces, tags and chart rows of the HTML at `path`, read by Python's
/// `html.parser`.
fn html_read(path: &str) -> serde_json::Value {
    py(READ_HTML, &[path])
}

#[test]
fn rocky_iv_as_html_draws_a_face_per_injured_fighter() {
    let dir = scratch("html");
    let out = dir.join("rocky.html");
    let out = out.to_str().expect("UTF-8");
    exits(&bout(&["continuity", ROCKY, "--to", "html", "-o", out]), 0);
    let page = html_read(out);
    let faces: Vec<&str> = page["faces"]
        .as_array()
        .expect("faces")
        .iter()
        .map(|f| f["fighter"].as_str().expect("fighter"))
        .collect();
    assert_eq!(faces, ["ROCKY", "DRAGO", "APOLLO"]);
    // Drago's face: one red mark, numbered 1, over the left brow — on the
    // picture's right (the diagram faces the performer; the face is
    // centred at x = 110) and above the eyes.
    let drago = &page["faces"][1]["marks"];
    assert_eq!(drago.as_array().expect("marks").len(), 1, "{drago}");
    assert_eq!(drago[0]["class"], "mark cut");
    assert_eq!(drago[0]["location"], "left-brow");
    assert_eq!(drago[0]["number"], "1");
    assert!(drago[0]["x"].as_i64().expect("x") > 110, "{drago}");
    assert!(drago[0]["y"].as_i64().expect("y") < 110, "{drago}");
    // Knockdowns have no place on the face: Rocky's has no mark, and is
    // listed beside it.
    assert_eq!(page["faces"][0]["marks"], serde_json::json!([]));
    let text = page["text"].as_str().expect("text");
    assert!(text.contains("<ul class=\"knockdowns\">"));
    assert!(text.contains("Knocked down and counted out"));
    // The make-up chart: a row per scene. One standalone page: no script,
    // no external resource.
    assert_eq!(page["rows"], 5);
    assert!(text.contains("Content-Security-Policy"));
    let tags: Vec<&str> = page["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .map(|t| t.as_str().expect("tag"))
        .collect();
    for forbidden in ["script", "link", "img", "iframe", "object"] {
        assert!(!tags.contains(&forbidden), "<{forbidden}> in {tags:?}");
    }
    // The only URL is the SVG namespace, which loads nothing.
    let urls = text.replace("http://www.w3.org/2000/svg", "");
    assert!(!urls.contains("http://") && !urls.contains("https://"));
}

/// A fighter cut twice over the left brow (once in a later scene), cut on
/// the nose, swollen over the left brow; the other knocked down.
const WORSENING: &str = r#"title "Cut Again"
production page

cast {
  MICK    fighter   "Mick Doyle"
  TEDDY   fighter   "Teddy Vance"
  REF     referee   "Referee"
  MAUREEN character "Maureen"
}

scene "EXT. ALLEY - NIGHT" {
  fight MICK vs TEDDY {
    rules street
    TEDDY jab head -> MICK cut left-brow
    TEDDY cross nose -> MICK cut nose
    MICK hook head -> TEDDY down
    TEDDY up
  }
  MAUREEN: "Enough!"
}

scene "INT. PUB - NIGHT" {
  action "MICK drinks alone. TEDDYS is no name; nor is Teddy."
}

scene "INT. ARENA - NIGHT" {
  fight MICK vs TEDDY {
    rules pro
    rounds 2
    referee REF
    round 1 {
      TEDDY hook head -> MICK cut left-brow
      TEDDY hook head -> MICK swell left-brow
      bell
    }
  }
}
"#;

#[test]
fn a_second_cut_at_one_place_worsens_the_first() {
    let path = script("worse", "cut-again.bout", WORSENING);
    let report = json_of(&path);
    let mick = injuries_of(&report, "MICK");
    let summary: Vec<(&str, &str, usize)> = mick
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().expect("kind"),
                i["location"].as_str().expect("location"),
                i["worsened"].as_array().expect("worsened").len(),
            )
        })
        .collect();
    // One cut over the left brow (worsened once), one on the nose, one
    // swelling over the left brow: a swelling is not a cut.
    assert_eq!(
        summary,
        [
            ("cut", "left-brow", 1),
            ("cut", "nose", 0),
            ("swelling", "left-brow", 0)
        ]
    );
    let brow = mick[0];
    assert_eq!(brow["first"]["scene"], 1);
    assert_eq!(brow["first"]["round"], serde_json::Value::Null);
    assert_eq!(
        brow["first"]["line"],
        line_in(WORSENING, "TEDDY jab head -> MICK cut left-brow")
    );
    assert_eq!(brow["worsened"][0]["scene"], 3);
    assert_eq!(brow["worsened"][0]["round"], 1);
    assert_eq!(
        brow["worsened"][0]["line"],
        line_in(WORSENING, "TEDDY hook head -> MICK cut left-brow")
    );
    assert_eq!(brow["worsened"][0]["blow"], "TEDDY hook head");
    // Carried after the street fight, then into each later scene Mick is
    // in: the pub (named in capitals) and the arena (he fights there).
    assert_eq!(
        carried(brow),
        [
            (1, Some("after the fight".to_owned())),
            (2, None),
            (3, None)
        ]
    );
    // Teddy's knockdown stays in its scene; he is not in the pub ("TEDDYS"
    // and "Teddy" are not his cue in capitals as a whole word).
    let teddy = injuries_of(&report, "TEDDY");
    assert_eq!(teddy.len(), 1);
    assert_eq!(teddy[0]["kind"], "knockdown");
    assert_eq!(carried(teddy[0]), [(1, Some("after the fight".to_owned()))]);
    let chart = report["chart"].as_array().expect("chart");
    assert_eq!(chart[1]["cast"], serde_json::json!(["MICK"]));
    assert_eq!(
        chart[2]["carries"][0]["injuries"],
        serde_json::json!([
            "cut over the left brow (scene 1, the fight at 0:00; worse in scene 3, round 1 at 0:00)",
            "cut on the nose (scene 1, the fight at 0:00)",
            "swelling over the left brow (scene 3, round 1 at 0:01)"
        ])
    );

    // The breakdown says where it worsens.
    let dir = scratch("worse-csv");
    let out = dir.join("cut-again.csv");
    let out = out.to_str().expect("UTF-8");
    exits(&bout(&["continuity", &path, "-o", out]), 0);
    let rows = csv_rows(out);
    let brow_rows: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[4] == "MICK" && r[5].starts_with("Cut over the left brow"))
        .map(|r| (r[0].as_str(), r[2].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        brow_rows,
        [
            (
                "1",
                "the fight",
                "Cut over the left brow opens in the fight at 0:00 (TEDDY jab head)"
            ),
            (
                "1",
                "after the fight",
                "Cut over the left brow, fresh from the fight"
            ),
            ("2", "", "Cut over the left brow, since scene 1 (the fight)"),
            (
                "3",
                "",
                "Cut over the left brow, since scene 1 (the fight); worsens here, in round 1 at 0:00"
            ),
        ]
    );

    // The face: Mick's two marks over the left brow (a cut, a swelling)
    // and one on the nose, numbered as the list; swellings are drawn
    // first, so that a cut over one stays visible.
    let dir = scratch("worse-html");
    let out = dir.join("cut-again.html");
    let out = out.to_str().expect("UTF-8");
    exits(&bout(&["continuity", &path, "--to", "html", "-o", out]), 0);
    let page = html_read(out);
    assert_eq!(page["faces"].as_array().expect("faces").len(), 2);
    let mut marks: Vec<(&str, &str, &str)> = page["faces"][0]["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .map(|m| {
            (
                m["class"].as_str().expect("class"),
                m["location"].as_str().expect("location"),
                m["number"].as_str().expect("number"),
            )
        })
        .collect();
    assert_eq!(marks[0].0, "mark swelling", "drawn first: {marks:?}");
    marks.sort_by_key(|m| m.2);
    assert_eq!(
        marks,
        [
            ("mark cut", "left-brow", "1"),
            ("mark cut", "nose", "2"),
            ("mark swelling", "left-brow", "3")
        ]
    );
}

#[test]
fn stdin_is_read_with_a_dash() {
    let text = std::fs::read_to_string(root().join(ROCKY)).expect("example");
    let from_stdin = bout_stdin(&["continuity", "-", "--to", "csv"], &text);
    exits(&from_stdin, 0);
    let from_file = bout(&["continuity", ROCKY]);
    exits(&from_file, 0);
    assert!(from_stdin.stdout.starts_with(b"scene,heading,part,"));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // `-o -` is stdout too.
    let dashed = bout_stdin(&["continuity", "-", "--to", "json", "-o", "-"], &text);
    exits(&dashed, 0);
    let report: serde_json::Value = serde_json::from_slice(&dashed.stdout).expect("JSON");
    assert_eq!(injuries_of(&report, "DRAGO").len(), 2);
}

#[test]
fn a_script_with_errors_exports_nothing() {
    let path = script(
        "errors",
        "broken.bout",
        "cast {\n  ROCKY fighter \"Rocky\"\n}\n\nscene \"INT. GYM - DAY\" {\n  fight ROCKY vs DRAGO {\n    rules street\n    DRAGO jab head -> ROCKY cut lip\n  }\n}\n",
    );
    let out = Path::new(&path).with_file_name("out.csv");
    let o = bout(&["continuity", &path, "-o", out.to_str().expect("UTF-8")]);
    exits(&o, 1);
    assert!(!out.exists(), "nothing written");
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing exported"));
    let o = bout(&["continuity", &path, "--to", "json"]);
    exits(&o, 1);
    assert!(o.stdout.is_empty());
}

#[test]
fn the_output_may_not_be_the_input() {
    let path = script(
        "self",
        "rocky.bout",
        &std::fs::read_to_string(root().join(ROCKY)).expect("example"),
    );
    let before = std::fs::read(&path).expect("script");
    let o = bout(&["continuity", &path, "-o", &path]);
    exits(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("will not write"));
    assert_eq!(std::fs::read(&path).expect("script"), before);
    // A file that cannot be read is a usage error too.
    exits(&bout(&["continuity", "no-such-file.bout"]), 2);
}

/// Markup and formulas in the script's text reach no reader as such.
const HOSTILE: &str = r#"production page

cast {
  MICK  fighter "<b>Mick</b>" cue "=HYPERLINK(1)"
  TEDDY fighter "Teddy"
}

scene "INT. <script>alert(1)</script> - NIGHT" {
  fight MICK vs TEDDY {
    rules street
    TEDDY jab head -> MICK cut lip
  }
}
"#;

#[test]
fn script_text_is_escaped_in_every_format() {
    let path = script("hostile", "hostile.bout", HOSTILE);
    let dir = Path::new(&path).parent().expect("dir").to_owned();
    let out = |ext: &str| {
        dir.join(format!("out.{ext}"))
            .to_str()
            .expect("UTF-8")
            .to_owned()
    };
    exits(&bout(&["continuity", &path, "-o", &out("csv")]), 0);
    let rows = csv_rows(&out("csv"));
    assert_eq!(rows[1][1], "INT. <script>alert(1)</script> - NIGHT");
    assert_eq!(rows[1][4], "'=HYPERLINK(1)");
    exits(
        &bout(&["continuity", &path, "--to", "html", "-o", &out("html")]),
        0,
    );
    let page = html_read(&out("html"));
    let tags = page["tags"].as_array().expect("tags");
    assert!(!tags.iter().any(|t| t == "script" || t == "b"), "{tags:?}");
    assert!(
        page["text"]
            .as_str()
            .expect("text")
            .contains("&lt;script&gt;")
    );
    exits(
        &bout(&["continuity", &path, "--to", "json", "-o", &out("json")]),
        0,
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out("json")).expect("json")).expect("JSON");
    assert_eq!(report["injuries"][0]["name"], "<b>Mick</b>");
    assert_eq!(report["injuries"][0]["location"], "lip");
}

/// Found by a user: in a scene of two fights, a note says which fight its
/// round is in.
#[test]
fn a_scene_of_two_fights_names_the_fight() {
    let o = bout(&[
        "continuity",
        "tests/fixtures/otio/two-fights-one-night.bout",
    ]);
    exits(&o, 0);
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(
        csv.contains("Knocked down in round 1 of fight 2 (CARA vs DEE) at 0:00"),
        "{csv}"
    );
}
