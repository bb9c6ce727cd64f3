//! Export stage: every example exports to every format; the third-party
//! readers accept each (OpenTimelineIO, jsonschema, Graphviz, an XML parser
//! for the SVG); the JSON Schema is current; stats agree with a count made by
//! hand; files are written atomically.

mod common;
use common::{bout, examples, python, root, scratch, stem};
use std::process::Command;

#[test]
fn the_committed_schema_is_current() {
    let path = root().join("docs/timeline.schema.json");
    let generated = bout::export::timeline::schema();
    if std::env::var_os("BOUT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/timeline.schema.json is stale: run `BOUT_UPDATE_DOCS=1 cargo test --test export`"
    );
}

#[test]
fn every_example_exports_and_third_party_readers_accept_it() {
    let python = python();
    let dir = scratch("all");
    for example in examples() {
        let stem = stem(&example);
        let path = example.to_str().expect("UTF-8");
        let out = |ext: &str| {
            dir.join(format!("{stem}.{ext}"))
                .to_str()
                .expect("UTF-8")
                .to_owned()
        };
        for (to, ext) in [
            ("json", "json"),
            ("otio", "otio"),
            ("csv", "csv"),
            ("svg", "svg"),
        ] {
            let o = bout(&["timeline", path, "--to", to, "-o", &out(ext)]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{stem} --to {to}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        for (to, ext) in [("dot", "dot"), ("json", "graph.json")] {
            let o = bout(&["graph", path, "--to", to, "-o", &out(ext)]);
            assert_eq!(o.status.code(), Some(0), "{stem} graph --to {to}");
        }
        // OpenTimelineIO and jsonschema read our output and agree with our JSON.
        let o = Command::new(&python)
            .arg(root().join("tests/interop/check_timeline.py"))
            .args([
                root()
                    .join("docs/timeline.schema.json")
                    .to_str()
                    .expect("UTF-8"),
                &out("json"),
                &out("otio"),
                &out("graph.json"),
            ])
            .output()
            .expect("python runs");
        assert!(
            o.status.success(),
            "{stem}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        // Graphviz lays the DOT out.
        let o = Command::new("dot")
            .args(["-Tsvg", "-o", &out("graph.svg"), &out("dot")])
            .output()
            .expect("dot runs (tests/run.sh installs Graphviz)");
        assert!(
            o.status.success(),
            "{stem}: dot: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // The SVG is well-formed XML, and librsvg draws it.
        let o = Command::new(&python)
            .args([
                "-c",
                "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])",
                &out("svg"),
            ])
            .output()
            .expect("python runs");
        assert!(
            o.status.success(),
            "{stem}: SVG is not XML: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let o = Command::new("rsvg-convert")
            .args(["-o", &out("png"), &out("svg")])
            .output()
            .expect("rsvg-convert runs (tests/run.sh installs librsvg)");
        assert!(
            o.status.success(),
            "{stem}: rsvg: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // The CSV has a header and one row per JSON event.
        let csv = std::fs::read_to_string(out("csv")).expect("csv");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out("json")).expect("json"))
                .expect("JSON");
        let events = json["events"].as_array().expect("events").len();
        let o = Command::new(&python)
            .args(["-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=''))); print(len(rows)-1, len(set(map(len, rows))))", &out("csv")])
            .output()
            .expect("python runs");
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            format!("{events} 1"),
            "{stem}: CSV rows"
        );
        assert!(
            csv.starts_with(&(bout::export::csv::HEADER.join(",") + "\r\n")),
            "{stem}: the CSV header"
        );
    }
}

#[test]
fn stats_agree_with_a_count_made_by_hand() {
    // tests/fixtures/stats/hand-count.bout, counted by hand:
    // ROCKY: jab x3 landed (3/3 jabs), hook blocked (0/1 power), uppercut
    //   down (1/1 power, a knockdown), push (a grapple: no punch), feint (no
    //   punch), cross with no reaction (0/1 power): thrown 6, landed 4,
    //   jabs 3/3, power 1/3, 1 knockdown; round 1: 4 thrown 3 landed
    //   (jab x3, hook), round 2: 2 thrown 1 landed.
    // DRAGO: jab slipped (0/1), haymaker x2 out (2/2 power, a knockdown
    //   scored): thrown 3, landed 2, jabs 0/1, power 2/2, 1 knockdown; a
    //   slap landed and an elbow blocked are no punches (CompuBox): other
    //   strikes 1/2, not in thrown.
    let o = bout(&["stats", "tests/fixtures/stats/hand-count.bout", "--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stats: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let rocky = &stats["fighters"][0];
    assert_eq!(rocky["id"], "ROCKY");
    assert_eq!(
        (rocky["thrown"].as_u64(), rocky["landed"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(
        (rocky["jabs_thrown"].as_u64(), rocky["jabs_landed"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(
        (
            rocky["power_thrown"].as_u64(),
            rocky["power_landed"].as_u64()
        ),
        (Some(3), Some(1))
    );
    assert_eq!(rocky["knockdowns"], 1);
    assert_eq!(
        (
            rocky["other_thrown"].as_u64(),
            rocky["other_landed"].as_u64()
        ),
        (Some(0), Some(0))
    );
    let drago = &stats["fighters"][1];
    assert_eq!(drago["id"], "DRAGO");
    assert_eq!(
        (drago["thrown"].as_u64(), drago["landed"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(
        (
            drago["other_thrown"].as_u64(),
            drago["other_landed"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(rocky["landed_pct"], 67);
    assert_eq!(rocky["rounds"][0]["round"], 1);
    assert_eq!(
        (
            rocky["rounds"][0]["thrown"].as_u64(),
            rocky["rounds"][0]["landed"].as_u64()
        ),
        (Some(4), Some(3))
    );
    assert_eq!(
        (
            rocky["rounds"][1]["thrown"].as_u64(),
            rocky["rounds"][1]["landed"].as_u64()
        ),
        (Some(2), Some(1))
    );
    let drago = &stats["fighters"][1];
    assert_eq!(drago["id"], "DRAGO");
    assert_eq!(
        (
            drago["thrown"].as_u64(),
            drago["landed"].as_u64(),
            drago["knockdowns"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    // Dialogue: ADRIAN 2 lines, 4 words; ROCKY 1 line, 3 words.
    let characters = stats["characters"].as_array().expect("characters");
    let adrian = characters
        .iter()
        .find(|c| c["id"] == "ADRIAN")
        .expect("ADRIAN");
    assert_eq!(
        (adrian["lines"].as_u64(), adrian["words"].as_u64()),
        (Some(2), Some(4))
    );
    let rocky_lines = characters
        .iter()
        .find(|c| c["id"] == "ROCKY")
        .expect("ROCKY");
    assert_eq!(
        (rocky_lines["lines"].as_u64(), rocky_lines["words"].as_u64()),
        (Some(1), Some(3))
    );
    assert!(stats["screen"]["duration_ms"].as_u64().expect("duration") > 0);
    // The human table is aligned and names both fighters.
    let table = String::from_utf8(bout(&["stats", "tests/fixtures/stats/hand-count.bout"]).stdout)
        .expect("UTF-8");
    assert!(
        table.contains("Rocky Balboa") && table.contains("Ivan Drago"),
        "{table}"
    );
    assert!(table.contains("67%"), "{table}");
    // One scene is "1 scene", not "1 scenes".
    assert!(table.contains("·  1 scene\n"), "{table}");
}

#[test]
fn a_failed_export_leaves_the_earlier_file_intact() {
    let dir = scratch("atomic");
    let out = dir.join("timeline.json");
    std::fs::write(&out, "earlier output").expect("write");
    let bad = dir.join("bad.bout");
    std::fs::write(&bad, "scene \"INT. GYM\" {\n  ROCKY: \"Yo.\"\n}\n").expect("write");
    let o = bout(&[
        "timeline",
        bad.to_str().expect("UTF-8"),
        "--to",
        "json",
        "-o",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing exported"));
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "earlier output"
    );
    // Writing into a directory that does not exist fails cleanly, exit 2.
    let o = bout(&[
        "timeline",
        "examples/dialogue-only.bout",
        "--to",
        "json",
        "-o",
        "/nonexistent/dir/t.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write"));
    // And no temporary files are left beside the output.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn fps_sets_the_frame_rate() {
    let o = bout(&[
        "timeline",
        "examples/dialogue-only.bout",
        "--to",
        "json",
        "--fps",
        "30",
    ]);
    let t: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(t["fps"], 30.0);
    assert_eq!(t["rate"], serde_json::json!({"num": 30, "den": 1}));
    // "Are you scared?": three words at 150 a minute, at least a second:
    // 1.2 s, which is 36 frames at 30 fps.
    let first = &t["events"][1];
    assert_eq!(first["text"], "ADRIAN: Are you scared?");
    assert_eq!(first["screen"]["duration_ms"], 1200);
    assert_eq!(first["screen"]["duration_frames"], 36);
    assert_eq!(
        bout(&[
            "timeline",
            "examples/dialogue-only.bout",
            "--to",
            "json",
            "--fps",
            "0"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn csv_quotes_as_rfc_4180_says() {
    assert_eq!(bout::export::csv::field("plain", ','), "plain");
    assert_eq!(bout::export::csv::field("a, b", ','), "\"a, b\"");
    assert_eq!(
        bout::export::csv::field("say \"hi\"", ','),
        "\"say \"\"hi\"\"\""
    );
    assert_eq!(
        bout::export::csv::field("two\nlines", ','),
        "\"two\nlines\""
    );
}

#[test]
fn svg_escapes_text() {
    assert_eq!(
        bout::export::svg::escape("<a & \"b\">"),
        "&lt;a &amp; &quot;b&quot;&gt;"
    );
    assert_eq!(bout::export::svg::escape("bell\u{7}"), "bell ");
}

#[test]
fn svg_event_labels_do_not_overlap() {
    for example in examples() {
        let o = bout(&["timeline", example.to_str().expect("UTF-8"), "--to", "svg"]);
        let svg = String::from_utf8(o.stdout).expect("UTF-8");
        // Event labels: <text x=".." y=".." fill=".." pointer-events="none">LABEL</text>
        let mut labels: Vec<(f64, f64, f64)> = Vec::new();
        for piece in svg.split("<text x=\"").skip(1) {
            if !piece.contains("pointer-events=\"none\">") {
                continue;
            }
            let x: f64 = piece
                .split('"')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("x");
            let y: f64 = piece
                .split("y=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|v| v.parse().ok())
                .expect("y");
            let text = piece
                .split("pointer-events=\"none\">")
                .nth(1)
                .and_then(|r| r.split('<').next())
                .unwrap_or("");
            let chars = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .chars()
                .count();
            labels.push((x, y, x + chars as f64 * 6.4));
        }
        assert!(!labels.is_empty(), "{}: no labels", example.display());
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let same_line = (a.1 - b.1).abs() < 0.5;
                let overlap = a.0 < b.2 && b.0 < a.2;
                assert!(
                    !(same_line && overlap),
                    "{}: labels overlap at {a:?} and {b:?}",
                    example.display()
                );
            }
        }
    }
}

#[test]
fn stats_carry_the_pronouns_the_cast_declares() {
    let o = bout(&[
        "stats",
        "tests/fixtures/prose/regional-final.bout",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    for fighter in stats["fighters"].as_array().expect("fighters") {
        assert_eq!(fighter["pronouns"], "she", "{fighter}");
    }
    let characters = stats["characters"].as_array().expect("characters");
    let pronouns = |id: &str| {
        characters
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c.get("pronouns").cloned())
    };
    assert_eq!(pronouns("KAREN"), Some(Some(serde_json::json!("she"))));
    // None declared: no key, rather than a guess.
    assert_eq!(pronouns("BAPTISTE"), Some(None));
}

/// The SVG on the fight clock: each fight from 0:00 on its own rows, under
/// a heading in the fighters' names, with its rounds.
#[test]
fn svg_on_the_fight_clock() {
    let o = bout(&[
        "timeline",
        "examples/rocky-iv.bout",
        "--to",
        "svg",
        "--clock",
        "fight",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = String::from_utf8_lossy(&o.stdout);
    assert!(svg.contains("· fight clock ·"));
    for heading in ["Fight: Apollo vs Drago", "Fight: Rocky vs Drago"] {
        assert!(svg.contains(heading), "{heading}");
    }
    assert!(svg.contains(">Round 1<"));
    // Screen time has scene headings; the fight clock has none.
    assert!(!svg.contains("MOSCOW SPORTS ARENA"));
}

/// `bout graph --fight` and `--round` show part of a script; a fight the
/// script has not is a clear error, and nothing is written.
#[test]
fn graph_of_one_fight_or_round() {
    let whole = bout(&["graph", "examples/rocky-iv.bout", "--to", "dot"]);
    let fight = bout(&[
        "graph",
        "examples/rocky-iv.bout",
        "--to",
        "dot",
        "--fight",
        "2",
    ]);
    let round = bout(&[
        "graph",
        "examples/rocky-iv.bout",
        "--to",
        "dot",
        "--fight",
        "2",
        "--round",
        "2",
    ]);
    for o in [&whole, &fight, &round] {
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let (whole, fight, round) = (
        String::from_utf8_lossy(&whole.stdout),
        String::from_utf8_lossy(&fight.stdout),
        String::from_utf8_lossy(&round.stdout),
    );
    assert!(whole.len() > fight.len() && fight.len() > round.len());
    assert!(fight.contains("Fight: Rocky vs Drago") && !fight.contains("Apollo vs Drago"));
    assert!(round.contains("Round 2") && !round.contains("label=\"Round 1\""));
    assert!(whole.contains("label=\"Legend\""));
    let missing = bout(&[
        "graph",
        "examples/rocky-iv.bout",
        "--to",
        "dot",
        "--fight",
        "9",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).starts_with("error: no fight `9` in the script")
    );
    assert!(missing.stdout.is_empty());
}

/// Laid out by Graphviz, each fight's rounds, corners and rounds montages
/// stand left to right in the script's order, their tops level, and the
/// legend reads in its own order.
#[test]
fn graph_lays_rounds_out_left_to_right() {
    let dir = scratch("graph-columns");
    let dot_file = dir.join("rocky.dot");
    let o = bout(&[
        "graph",
        "examples/rocky-iv.bout",
        "--to",
        "dot",
        "-o",
        dot_file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let layout = Command::new("dot")
        .args(["-Tjson", dot_file.to_str().unwrap()])
        .output()
        .expect("Graphviz `dot` (the test command installs it)");
    assert!(layout.status.success());
    let layout: serde_json::Value = serde_json::from_slice(&layout.stdout).unwrap();
    let objects = layout["objects"].as_array().unwrap();
    // (name, left x, top y) of every object whose name matches.
    let boxes = |keep: &dyn Fn(&str) -> bool| -> Vec<(String, f64, f64)> {
        objects
            .iter()
            .filter_map(|o| {
                let name = o["name"].as_str()?;
                keep(name).then_some(())?;
                let (x, y) = match o.get("bb") {
                    Some(bb) => {
                        let v: Vec<f64> = bb
                            .as_str()?
                            .split(',')
                            .map(|n| n.parse().unwrap())
                            .collect();
                        (v[0], v[3])
                    }
                    None => {
                        let v: Vec<f64> = o["pos"]
                            .as_str()?
                            .split(',')
                            .map(|n| n.parse().unwrap())
                            .collect();
                        (v[0], v[1])
                    }
                };
                Some((name.to_string(), x, y))
            })
            .collect()
    };
    for fight in ["s2.f1", "s5.f1"] {
        let columns = boxes(&|name: &str| {
            name.strip_prefix(&format!("cluster_{fight}."))
                .is_some_and(|rest| !rest.contains('.'))
        });
        assert!(columns.len() >= 3, "{fight}: {columns:?}");
        // Source order is the JSON's order of subgraphs.
        for pair in columns.windows(2) {
            assert!(pair[0].1 < pair[1].1, "{fight}: {pair:?} not left to right");
            assert!(
                (pair[0].2 - pair[1].2).abs() < 1.0,
                "{fight}: {pair:?} not level"
            );
        }
    }
    let legend = boxes(&|name: &str| name.starts_with("legend_a"));
    assert_eq!(legend.len(), 4);
    for pair in legend.windows(2) {
        assert!(pair[0].1 < pair[1].1, "legend {pair:?} not left to right");
    }
}

/// `bout timeline SCRIPT --to svg --clock fight`, which must succeed.
fn fight_clock_svg(script: &str) -> String {
    let o = bout(&["timeline", script, "--to", "svg", "--clock", "fight"]);
    assert_eq!(o.status.code(), Some(0));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The tooltips (`<title>`s) of an SVG, in order.
fn titles(svg: &str) -> Vec<&str> {
    svg.split("<title>")
        .skip(1)
        .filter_map(|t| t.split("</title>").next())
        .collect()
}

/// The fight-clock SVG of two fights: each fight's tooltips and ticks count
/// from its own 0:00, the bell that ends the first fight on a minute is
/// drawn, the title gives the fights' time added up, and people are named
/// by their cues, never their ids.
#[test]
fn fight_clock_svg_of_two_fights() {
    let svg = fight_clock_svg("tests/fixtures/otio/two-fights-one-night.bout");
    let titles = titles(&svg);
    assert!(titles.contains(&"Bell at 7:00.000"), "{titles:?}");
    assert!(titles.contains(&"Bell at 3:00.000"), "{titles:?}");
    // The second fight starts at 0:00 on its own clock.
    assert!(
        titles.contains(&"Cara: jab to the head → Dee · 0:00.000 · line 39"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Ref stops Cara · 0:16.900 · line 45"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .all(|t| !t.contains("CARA") && !t.contains("REF ")),
        "{titles:?}"
    );
    // 7:00 of the first fight and 0:16.9 (plus the stagger's end) of the second.
    assert!(svg.contains("fight clock · 7:19.900"), "title");
    assert!(!svg.contains("of screen time in which"));
}

/// A fight and its rematch (the same two fighters, so the same "A vs B")
/// are two fights on the fight clock: each under its own heading, each
/// from its own 0:00, their times added up in the title. They were once
/// drawn as one fight, the rematch's blows over the first fight's.
#[test]
fn fight_clock_svg_of_a_rematch() {
    let svg = fight_clock_svg("tests/fixtures/otio/rematch.bout");
    let titles = titles(&svg);
    let headings = titles
        .iter()
        .filter(|t| **t == "Fight: Nia vs Kasia")
        .count();
    assert_eq!(headings, 2, "{titles:?}");
    // Each fight's first blow at 0:00 of its own clock.
    assert!(
        titles.contains(&"Nia: jab to the head → Kasia · 0:00.000 · line 20"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Nia: jab to the body → Kasia · 0:00.000 · line 33"),
        "{titles:?}"
    );
}

/// `--fight` and `--round` cut the graph's JSON as they cut its DOT, and a
/// round the fight has not written out is a clear error, never an empty
/// graph: a round past the last, round 0, a round in a rounds montage, a
/// street fight's round, or `--round` alone in a script of two fights.
#[test]
fn graph_parts_in_json_and_rounds_that_are_not_there() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["graph", "examples/rocky-iv.bout", "--to", "json"];
        all.extend_from_slice(args);
        let o = bout(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let round = json(&["--fight", "2", "--round", "15"]);
    let ids: Vec<&str> = round["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.is_empty() && ids.iter().all(|id| id.starts_with("s5.f1.r15.")),
        "{ids:?}"
    );
    for edge in round["edges"].as_array().unwrap() {
        assert!(ids.contains(&edge["from"].as_str().unwrap()));
        assert!(ids.contains(&edge["to"].as_str().unwrap()));
    }
    let whole = json(&[]);
    assert!(whole["nodes"].as_array().unwrap().len() > ids.len());
    for (args, says) in [
        (&["--fight", "2", "--round", "16"][..], "no round 16"),
        (&["--fight", "2", "--round", "0"][..], "no round 0"),
        (&["--fight", "2", "--round", "7"][..], "no round 7"),
        (&["--round", "1"][..], "the script has 2 fights"),
    ] {
        let mut all = vec!["graph", "examples/rocky-iv.bout", "--to", "dot"];
        all.extend_from_slice(args);
        let o = bout(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let street = bout(&[
        "graph",
        "examples/street-fight-stage.bout",
        "--to",
        "dot",
        "--round",
        "1",
    ]);
    assert_eq!(street.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&street.stderr).contains("has no rounds"));
}
