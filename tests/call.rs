//! `bout call`: the fight-call sheet, read back by real readers — the JSON
//! against its committed schema (jsonschema), the CSV with Python's `csv`,
//! the HTML with Python's `html.parser`, the PDF with poppler's
//! `pdftotext` — for Rocky IV's Vegas and Moscow fights and for small
//! scripts written here; and the CLI conventions every export follows.

mod common;
use common::{bout, exits, py, root, scratch};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn the_committed_schema_is_current() {
    let path = root().join("docs/call.schema.json");
    let generated = bout::export::call::schema();
    if std::env::var_os("BOUT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/call.schema.json is stale: run `BOUT_UPDATE_DOCS=1 cargo test --test call`"
    );
}

const ROCKY: &str = "examples/rocky-iv.bout";

/// Rocky IV's call: both fights, riskiest and biggest first, each with its
/// performers, counts, passes and times; the JSON valid by its schema.
#[test]
fn rocky_iv_call_as_json() {
    let dir = scratch("call-json");
    let file = dir.join("rocky.json");
    exits(
        &bout(&["call", ROCKY, "--to", "json", "-o", file.to_str().unwrap()]),
        0,
    );
    let valid = py(
        "import json,sys,jsonschema\n\
         jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))\n\
         print('true')",
        &[
            file.to_str().unwrap(),
            root().join("docs/call.schema.json").to_str().unwrap(),
        ],
    );
    assert_eq!(valid, serde_json::json!(true));
    let sheet: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let entries = sheet["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{entries:#?}");
    let by_label = |label: &str| {
        entries
            .iter()
            .find(|e| e["label"] == label)
            .unwrap_or_else(|| panic!("no entry {label}"))
    };
    let vegas = by_label("exhibition");
    let moscow = by_label("moscow-fight");
    assert_eq!(vegas["title"], "APOLLO vs DRAGO");
    assert_eq!(vegas["performers"], serde_json::json!(["APOLLO", "DRAGO"]));
    assert_eq!(vegas["scene"], "INT. MGM GRAND ARENA, LAS VEGAS - NIGHT");
    // Twelve moves; eighteen blows with the flurries (x3, x4, x2).
    assert_eq!(vegas["moves"], 12);
    assert_eq!(vegas["blows"], 18);
    // Apollo down on the mat in round 1, out on the mat in round 2.
    assert_eq!(vegas["falls"], 2);
    assert_eq!(vegas["mats"], 2);
    assert_eq!(vegas["risk"], "high");
    assert_eq!(moscow["title"], "ROCKY vs DRAGO");
    assert_eq!(moscow["moves"], 12);
    assert_eq!(moscow["falls"], 2);
    for e in [vegas, moscow] {
        assert_eq!(e["half_speed_pct"], 50);
        assert_eq!(e["performance_speed_pct"], 75);
        let (half, perf) = (
            e["half_ms"].as_u64().unwrap(),
            e["performance_ms"].as_u64().unwrap(),
        );
        // Half speed takes longer than three-quarter speed; each has its
        // 30 s reset.
        assert!(half > perf && perf > 30_000, "{e}");
        assert_eq!(e["total_ms"].as_u64().unwrap(), half + perf);
        // Whole seconds, so the printed times add up.
        assert_eq!((half % 1000, perf % 1000), (0, 0));
    }
    let total: u64 = entries
        .iter()
        .map(|e| e["total_ms"].as_u64().unwrap())
        .sum();
    assert_eq!(sheet["total_ms"].as_u64().unwrap(), total);
    assert_eq!(sheet["over_limit"], false);
    assert_eq!(sheet["production"], "screen");
}

/// The order: a fight with a fall or a prop before a bigger one without;
/// among equals, the bigger first. `--max-speed` slows the second pass.
#[test]
fn riskiest_then_biggest_first_and_the_speed_limit() {
    let dir = scratch("call-order");
    let script = dir.join("order.bout");
    std::fs::write(
        &script,
        r#"production stage
cast {
  A fighter "Ann"
  B fighter "Bo"
  C fighter "Cy"
  D fighter "Di"
  E fighter "Ed"
  F fighter "Flo"
}
scene "ACT ONE, SCENE 1. A YARD." {
  note "Ed has the breakaway bottle; checked by the ASM."
  fight A vs B #small-but-falls {
    rules street
    A shove body contact light knap self -> B down
    B up
    result draw
  }
}
scene "ACT ONE, SCENE 2. A STREET." {
  fight C vs D #big-and-safe {
    rules street
    C jab body contact none knap victim -> D block
    D jab body contact none knap victim -> C block
    C jab body contact none knap victim -> D block
    D jab body contact none knap victim -> C block
    C jab body contact none knap victim -> D block
    result draw
  }
}
scene "ACT ONE, SCENE 3. A BAR." {
  note "Ed has the breakaway bottle; checked by the ASM."
  fight E vs F #bottle {
    rules street
    E hook body contact none knap victim -> F block
    F hook body contact none knap victim -> E block
    result draw
  }
}
"#,
    )
    .unwrap();
    let run = |speed: &str| -> serde_json::Value {
        let o = bout(&[
            "call",
            script.to_str().unwrap(),
            "--to",
            "json",
            "--max-speed",
            speed,
        ]);
        exits(&o, 0);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let sheet = run("75");
    let order: Vec<&str> = sheet["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect();
    // Both high-risk ones (a fall; a prop) first, the bigger of them first;
    // the big safe one last.
    assert_eq!(order, ["bottle", "small-but-falls", "big-and-safe"]);
    assert_eq!(sheet["entries"][0]["props"], serde_json::json!(["bottle"]));
    assert_eq!(sheet["entries"][2]["risk"], "medium");
    let slower = run("50");
    assert_eq!(slower["entries"][2]["performance_speed_pct"], 50);
    assert!(
        slower["entries"][2]["performance_ms"].as_u64()
            > sheet["entries"][2]["performance_ms"].as_u64()
    );
    // The limit may be lowered, never raised past 75%.
    let too_fast = bout(&["call", script.to_str().unwrap(), "--max-speed", "90"]);
    exits(&too_fast, 2);
    // Under a limit below half speed, both passes run at the limit.
    let crawl = run("40");
    assert_eq!(crawl["half_speed_pct"], 40);
    assert_eq!(crawl["entries"][0]["half_speed_pct"], 40);
}

/// The CSV, read with Python's csv: the header, a row per fight, and the
/// TOTAL row; the HTML parsed, with a row per fight and the total; the PDF's
/// text through poppler.
#[test]
fn csv_html_and_pdf_read_back() {
    let dir = scratch("call-formats");
    let csv = dir.join("call.csv");
    let html = dir.join("call.html");
    let pdf = dir.join("call.pdf");
    for (to, file) in [("csv", &csv), ("html", &html), ("pdf", &pdf)] {
        exits(
            &bout(&["call", ROCKY, "--to", to, "-o", file.to_str().unwrap()]),
            0,
        );
    }
    let rows = py(
        "import csv,json,sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='')))))",
        &[csv.to_str().unwrap()],
    );
    let rows = rows.as_array().unwrap();
    let header: Vec<&str> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(header, bout::export::call::CSV_HEADER);
    assert_eq!(rows.len(), 4, "header, two fights, total: {rows:?}");
    let titles: Vec<&str> = rows[1..3].iter().map(|r| r[3].as_str().unwrap()).collect();
    assert!(titles.contains(&"APOLLO vs DRAGO") && titles.contains(&"ROCKY vs DRAGO"));
    assert_eq!(rows[3][0], "TOTAL");
    let json = bout(&["call", ROCKY, "--to", "json"]);
    let sheet: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(rows[3][header.len() - 1], sheet["total"]);

    let parsed = py(
        "import json,sys\nfrom html.parser import HTMLParser\n\
         class P(HTMLParser):\n\
         \x20   def __init__(s):\n\
         \x20       super().__init__(); s.rows=[]; s.cell=None; s.tags=set()\n\
         \x20   def handle_starttag(s,t,a):\n\
         \x20       s.tags.add(t)\n\
         \x20       if t=='tr': s.rows.append([])\n\
         \x20       if t in('td','th'): s.cell=''\n\
         \x20   def handle_endtag(s,t):\n\
         \x20       if t in('td','th'): s.rows[-1].append(s.cell); s.cell=None\n\
         \x20   def handle_data(s,d):\n\
         \x20       if s.cell is not None: s.cell+=d\n\
         p=P(); p.feed(open(sys.argv[1]).read())\n\
         print(json.dumps({'rows':p.rows,'script':'script' in p.tags}))",
        &[html.to_str().unwrap()],
    );
    let table = parsed["rows"].as_array().unwrap();
    assert_eq!(parsed["script"], false);
    assert_eq!(table.len(), 4, "{table:?}");
    assert!(
        table[1][1]
            .as_str()
            .unwrap()
            .starts_with("APOLLO vs DRAGO (#exhibition)")
    );
    assert_eq!(table[3][1], sheet["total"]);

    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("poppler's pdftotext (the test command installs it)");
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "FIGHT CALL: ROCKY IV",
        "1. APOLLO vs DRAGO (#exhibition)",
        "2. ROCKY vs DRAGO (#moscow-fight)",
        "Performers: ROCKY, DRAGO",
        "12 moves (18 blows)",
        "2 falls, 2 on a mat",
        &format!("TOTAL: {} of 15:00", sheet["total"].as_str().unwrap()),
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
}

/// The CLI's conventions: `-` reads stdin; a script with errors writes
/// nothing and exits 1; `-o` over the input is refused with exit 2.
#[test]
fn cli_conventions() {
    let source = std::fs::read_to_string(root().join(ROCKY)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bout"))
        .args(["call", "-", "--to", "csv"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    exits(&o, 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("ROCKY vs DRAGO"));

    let dir = scratch("call-cli");
    let bad = dir.join("bad.bout");
    std::fs::write(&bad, "scene \"INT. ROOM - DAY\" {\n  NOBODY: \"Hi.\"\n}\n").unwrap();
    let out = dir.join("out.csv");
    exits(
        &bout(&["call", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]),
        1,
    );
    assert!(!out.exists());
    exits(
        &bout(&["call", bad.to_str().unwrap(), "-o", bad.to_str().unwrap()]),
        2,
    );
}
