//! What the fuzz targets run, and the invariants they assert.
//!
//! One file, two users: the fuzz targets in `fuzz/fuzz_targets/` (as the
//! crate `bout_fuzz`) and `tests/fuzz_regressions.rs` (as a module included
//! by path), so a finding saved under `tests/fixtures/fuzz/` replays exactly
//! the code paths the fuzzer ran. It depends on `bout` and `serde_json` only.
//!
//! Every assertion here is a property the README, ARCHITECTURE.md or the
//! code's own documentation promises, among them that no output holds a
//! control or text-direction character (see [`control`]).

#![allow(dead_code)]

use bout::config::{self, Config, Level};
use bout::diag::{self, Category, Diagnostic, Severity};
use bout::export::screenplay::{self, Choreography, fdx, fountain, html, layout::Paper, pdf};
use bout::export::{csv, graph, otio, stats, svg, timeline};
use bout::model::Model;
use bout::report::{self, LineIndex, Style, Summary};

/// A fuzz target's body: one source text.
pub type Target = fn(&str);

/// The targets by name, as `fuzz/run.sh` and the regression test know them.
pub const TARGETS: &[(&str, Target)] = &[
    ("check", check),
    ("export", export),
    ("render", render),
    ("config", config),
    ("fmt", fmt),
    ("lsp", lsp),
    ("import", import),
    ("import_fdx", import_fdx),
];

/// Feeds `data` to `target`: as it is when it is UTF-8, else lossily
/// converted (so every mutation still reaches the parser).
pub fn fuzz_bytes(data: &[u8], target: Target) {
    match std::str::from_utf8(data) {
        Ok(text) => target(text),
        Err(_) => target(&String::from_utf8_lossy(data)),
    }
}

/// A configuration that allows every rule that can be configured (every
/// code of [`diag::CODES`] that is not a syntax error).
pub fn allow_all() -> Config {
    let mut config = Config::default();
    for code in diag::CODES {
        if code.category != Category::Syntax {
            config.levels.insert(code.code, Level::Allow);
        }
    }
    config
}

/// The two configurations the export and render targets run under.
fn configs() -> [Config; 2] {
    [Config::default(), allow_all()]
}

// ---------------------------------------------------------------------------
// Targets

/// `check`: parse and check with the default levels, `--deny warnings` and
/// every rule allowed; every report format of the diagnostics.
pub fn check(source: &str) {
    // Large files are parsed in two halves; wherever a split is accepted,
    // it must be the serial parse (inputs here are below the size that
    // takes that path on its own, so it is asked for at each candidate).
    let serial = bout::syntax::parser::parse_serial(source);
    for (i, _) in source.match_indices("\n}\n").take(4) {
        if let Some(split) = bout::syntax::parser::parse_split_at(source, i + 3) {
            assert_eq!(
                split.script,
                serial.script,
                "the halves split at {} differ",
                i + 3
            );
            assert_eq!(split.diagnostics, serial.diagnostics, "split at {}", i + 3);
        }
    }
    // Re-parsing after an edit (what the language server does on every
    // key) must give the whole parse wherever it answers: the input is the
    // text after the edit, and before it a character was there more (a
    // deletion) or less (an insertion), at a few line starts.
    let whole = bout::syntax::parse(source);
    for (i, _) in source.match_indices('\n').step_by(5).take(6) {
        let at = i + 1;
        let mut olds = vec![format!("{}x{}", &source[..at], &source[at..])];
        if let Some(c) = source[at..].chars().next() {
            olds.push(format!("{}{}", &source[..at], &source[at + c.len_utf8()..]));
        }
        for old in olds {
            let before = bout::syntax::parse(&old);
            let errors: Vec<_> = before.diagnostics.iter().map(|d| d.span).collect();
            if let Some(quick) =
                bout::syntax::reparse::reparse(before.script, &errors, &old, source)
            {
                assert_eq!(quick.script, whole.script, "reparsed after an edit at {at}");
                assert_eq!(quick.diagnostics, whole.diagnostics, "edit at {at}");
            }
        }
    }
    drop(serial);
    let checked = bout::check::check_with(source, &Config::default());
    // Checking again after an edit (the language server's check, which
    // reuses the lints of the scenes the edit left alone) must give the
    // whole check, whatever the edit: a character more before two line
    // starts.
    for (i, _) in source.match_indices('\n').step_by(7).take(2) {
        let at = i + 1;
        let old = format!("{}x{}", &source[..at], &source[at..]);
        let before = bout::check::check_for_edits(&old, &Config::default());
        let again = bout::check::recheck(before, &old, source, &Config::default());
        assert_eq!(
            again.diagnostics, checked.diagnostics,
            "checked again after an edit at {at}"
        );
    }
    spans_hold(source, &checked.diagnostics);
    reports_hold("fuzz.bout", source, &checked.diagnostics);

    // `--deny warnings` turns every warning into an error and drops nothing.
    let denied = bout::check::check_with(
        source,
        &Config {
            deny_warnings: true,
            ..Config::default()
        },
    );
    assert!(
        denied
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Warning),
        "a warning survived --deny warnings"
    );
    assert_eq!(
        denied.diagnostics.len(),
        checked.diagnostics.len(),
        "--deny warnings changed the number of diagnostics"
    );

    // Allowing every configurable rule leaves only syntax errors (README:
    // "Syntax rules (`S…`) cannot be changed").
    let allowed = bout::check::check_with(source, &allow_all());
    spans_hold(source, &allowed.diagnostics);
    if let Some(d) = allowed
        .diagnostics
        .iter()
        .find(|d| d.code.category != Category::Syntax)
    {
        panic!(
            "{} {} reported although every configurable rule is allowed",
            d.code.code, d.code.name
        );
    }
}

/// `export`: every exporter of the timeline, the graph, the stats, the
/// fight call and the continuity report on the model of a script that
/// checks clean, under both configurations — through
/// `check_then`, the path `bout timeline|graph|stats` takes.
pub fn export(source: &str) {
    let fps = [24, 1, 1000, 30][source.len() % 4];
    for config in configs() {
        let (checked, outputs) =
            bout::check::check_then(source, &config, |model| exports(model, fps));
        spans_hold(source, &checked.diagnostics);
        for (kind, text) in outputs.iter().flatten() {
            control(kind, text, source);
        }
    }
}

/// `render`: the screenplay with each choreography, to Fountain, FDX, HTML
/// and PDF on both papers, and the first fight's fighters' sides, under
/// both configurations — through
/// `check_then`, the path `bout render` takes.
pub fn render(source: &str) {
    // Scene numbers and notes vary with the input, so both are reached.
    let bits = source.len();
    for config in configs() {
        let (checked, outputs) = bout::check::check_then(source, &config, |model| {
            let mut outputs = Vec::new();
            for (i, choreography) in [Choreography::Prose, Choreography::Table, Choreography::Both]
                .into_iter()
                .enumerate()
            {
                let options = screenplay::Options {
                    scene_numbers: (bits >> i) & 1 == 1,
                    notes: (bits >> (i + 1)) & 1 == 1,
                    choreography,
                };
                let play = screenplay::build(model, options);
                outputs.push((
                    "fountain",
                    fountain::export(&play, fountain::Options::default()),
                ));
                let fdx = fdx::export(&play, fdx::Options::default());
                xml_holds("fdx", &fdx);
                outputs.push(("fdx", fdx));
                for a4 in [false, true] {
                    let document = html::export(&play, html::Options { a4 });
                    // `bout preview` cuts the document into its pages and
                    // puts it back together in the browser: nothing lost.
                    let (head, pages, tail) = bout::preview::render::cut(&document);
                    assert_eq!(
                        format!("{head}{}{tail}", pages.concat()),
                        document,
                        "a cut lost text"
                    );
                    outputs.push(("html", document));
                }
                for paper in [Paper::Letter, Paper::A4] {
                    let bytes = pdf::export(&play, pdf::Options { paper });
                    assert!(bytes.starts_with(b"%PDF-"), "a PDF without its header");
                    let tail = &bytes[bytes.len().saturating_sub(16)..];
                    assert!(
                        tail.windows(5).any(|w| w == b"%%EOF"),
                        "a PDF without %%EOF at its end"
                    );
                    // Written a page at a time as the layout makes them,
                    // it is the PDF of the whole laid-out document.
                    let document = screenplay::layout::layout(&play, paper);
                    let whole = pdf::render(&document, &screenplay::title(&play));
                    assert!(whole == bytes, "the PDF written as it is laid out differs");
                    if paper == Paper::A4 {
                        let html = html::render(&play, &document);
                        assert!(
                            outputs
                                .iter()
                                .any(|(kind, text)| *kind == "html" && *text == html),
                            "the HTML written as it is laid out differs"
                        );
                    }
                }
            }
            // Sides for each fighter of the first fight, and for both.
            if let Some(fight) = model.fights.first() {
                let ids: Vec<String> = fight.fighters.iter().map(|f| f.value.to_string()).collect();
                for who in [&ids[..1], &ids[..]] {
                    if let Ok(sides) = bout::export::sides::build(model, who) {
                        outputs.push((
                            "sides html",
                            html::export(&sides, html::Options { a4: false }),
                        ));
                        let bytes = pdf::export(&sides, pdf::Options { paper: Paper::A4 });
                        assert!(bytes.starts_with(b"%PDF-"), "sides without a PDF header");
                    }
                }
            }
            outputs
        });
        spans_hold(source, &checked.diagnostics);
        for (kind, text) in outputs.iter().flatten() {
            control(kind, text, source);
        }
    }
}

/// `fmt`: `bout fmt` on any text. Its streaming syntax check finds exactly
/// the parser's errors; a text with syntax errors is refused
/// with them; otherwise the output formats to itself, parses without error
/// to the same statements (compared by their source text with all
/// whitespace taken out) and keeps every comment's text.
pub fn fmt(source: &str) {
    assert_eq!(
        bout::syntax::parser::syntax_errors(source),
        bout::syntax::parse(source).diagnostics,
        "the streaming syntax check disagrees with the parser"
    );
    let Ok(formatted) = bout::fmt::format(source) else {
        assert!(
            !bout::syntax::parse(source).diagnostics.is_empty(),
            "fmt refused a text that parses"
        );
        return;
    };
    let again = bout::fmt::format(&formatted).expect("the output parses");
    assert_eq!(again, formatted, "fmt is not idempotent");
    let squeeze = |text: &str| -> String {
        let parsed = bout::syntax::parse(text);
        assert!(
            parsed.diagnostics.is_empty(),
            "the output has syntax errors"
        );
        bout::syntax::visit::statements(&parsed.script.items)
            .map(|s| {
                let head: String = text[s.head.range()].to_owned();
                let kind = std::mem::discriminant(&s.kind);
                format!("{head}{kind:?}")
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    assert_eq!(
        squeeze(&formatted),
        squeeze(source),
        "fmt changed the statements"
    );
    let comments = |text: &str| {
        let mut texts: Vec<String> = bout::syntax::lexer::lex(text)
            .comments
            .into_iter()
            .map(|c| c.text.trim_end().to_owned())
            .collect();
        texts.sort();
        texts
    };
    assert_eq!(
        comments(&formatted),
        comments(source),
        "fmt lost or changed a comment"
    );
    control("fmt", &formatted, source);
}

/// `lsp`: the language server driven by the input. The whole input is the
/// document opened; its last bytes (up to 48) are a tape of operations:
/// edits (an insertion of a piece of the input, a deletion, a whole new
/// text) at positions anywhere, in range or not, and every request the
/// server answers, at positions anywhere. Each batch is answered: every
/// request gets a response that is not an internal error (a caught
/// panic), and the diagnostics published lie within the document.
pub fn lsp(source: &str) {
    use bout::lsp::{Connection, Message, Notification, Request, RequestId};
    use serde_json::json;
    let (server, client) = Connection::memory();
    // The server runs on a thread with a main thread's stack, as `bout lsp`.
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || bout::lsp::serve(&server))
        .expect("spawn");
    let uri = "file:///fuzz/fuzz.bout";
    let mut id = 0;
    let mut answered = |client: &Connection, method: &str, params: serde_json::Value| {
        id += 1;
        let rid = RequestId::from(id);
        client
            .sender
            .send(Request::new(rid.clone(), method.to_owned(), params).into())
            .expect("the server is running");
        loop {
            match client.receiver.recv().expect("the server answers") {
                Message::Response(r) if r.id == rid => {
                    if let Some(e) = &r.error {
                        assert_ne!(e.code, -32603, "{method} failed inside: {}", e.message);
                    }
                    return r.result;
                }
                Message::Notification(n) => published(&n, source.len()),
                other => panic!("unexpected {other:?}"),
            }
        }
    };
    let notify = |client: &Connection, method: &str, params: serde_json::Value| {
        client
            .sender
            .send(Notification::new(method.to_owned(), params).into())
            .expect("the server is running");
    };
    answered(&client, "initialize", json!({ "capabilities": {} }));
    notify(&client, "initialized", json!({}));
    notify(
        &client,
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "bout", "version": 0, "text": source } }),
    );
    let bytes = source.as_bytes();
    let tape = &bytes[bytes.len() - bytes.len().min(48)..];
    let lines = source.lines().count().max(1) as u64;
    let position = |a: u8, b: u8| {
        // Mostly in range, sometimes far past the end.
        let line = if a & 0x80 == 0 {
            u64::from(a) % (lines + 1)
        } else {
            u64::from(a) * 1000
        };
        json!({ "line": line, "character": u64::from(b) % 90 })
    };
    let methods = [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/prepareRename",
        "textDocument/rename",
        "textDocument/completion",
        "textDocument/codeAction",
        "textDocument/inlayHint",
        "textDocument/semanticTokens/range",
    ];
    let mut version = 0;
    for op in tape.chunks(3) {
        let [kind, a, b] = [op[0], *op.get(1).unwrap_or(&0), *op.get(2).unwrap_or(&0)];
        let at = position(a, b);
        let range = json!({ "start": at, "end": position(b, a) });
        let doc = json!({ "uri": uri });
        match kind % 16 {
            0..=3 => {
                version += 1;
                // A piece of the input itself, so edits type the language.
                let from = usize::from(a) * source.len() / 256;
                let piece: String = source
                    .get(from..)
                    .unwrap_or("")
                    .chars()
                    .take(usize::from(b % 12))
                    .collect();
                notify(
                    &client,
                    "textDocument/didChange",
                    json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": range, "text": piece }] }),
                );
            }
            4 => {
                version += 1;
                let mut half = source.len() / 2;
                while !source.is_char_boundary(half) {
                    half -= 1;
                }
                notify(
                    &client,
                    "textDocument/didChange",
                    json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": &source[..half] }] }),
                );
            }
            5 => {
                answered(
                    &client,
                    "textDocument/documentSymbol",
                    json!({ "textDocument": doc }),
                );
                answered(
                    &client,
                    "textDocument/foldingRange",
                    json!({ "textDocument": doc }),
                );
                answered(
                    &client,
                    "textDocument/semanticTokens/full",
                    json!({ "textDocument": doc }),
                );
                answered(
                    &client,
                    "textDocument/formatting",
                    json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
                );
                answered(
                    &client,
                    "textDocument/codeAction",
                    json!({ "textDocument": doc, "range": range,
                    "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
                );
            }
            k => {
                let method = methods[usize::from(k - 6) % methods.len()];
                let new_name = ["X", "#x", "shovel", "NEW_ID"][usize::from(a % 4)];
                let params = json!({
                    "textDocument": doc,
                    "position": at,
                    "range": range,
                    "newName": new_name,
                    "context": { "includeDeclaration": true, "diagnostics": [] },
                });
                answered(&client, method, params);
            }
        }
    }
    answered(&client, "shutdown", serde_json::Value::Null);
    notify(&client, "exit", serde_json::Value::Null);
    handle.join().expect("the server ends after exit");
}

/// Every diagnostic published lies within the document (its lines are
/// at most its length in bytes, a generous bound that edits keep).
fn published(n: &bout::lsp::Notification, len: usize) {
    if n.method != "textDocument/publishDiagnostics" {
        return;
    }
    let bound = (len as u64 + 4096) * 2;
    for d in n.params["diagnostics"].as_array().expect("a list") {
        for end in ["start", "end"] {
            let line = d["range"][end]["line"].as_u64().expect("a line");
            assert!(line <= bound, "a diagnostic on line {line}");
        }
    }
}

/// `config`: `bout.toml` text read, its diagnostics reported, and its levels
/// applied to a small script.
pub fn config(text: &str) {
    let (config, diagnostics) = config::parse(text);
    spans_hold(text, &diagnostics);
    reports_hold("bout.toml", text, &diagnostics);
    for code in config.levels.keys() {
        let code = diag::Code::lookup(code).expect("a level for a code that exists");
        assert!(
            code.category != Category::Syntax,
            "a level set for the syntax rule {}",
            code.code
        );
    }
    let checked = bout::check::check_with(SCRIPT, &config);
    spans_hold(SCRIPT, &checked.diagnostics);
}

/// A script with a warning or two for the `config` target to apply levels to.
const SCRIPT: &str = r#"title "T"
cast {
  A fighter "A"
  B fighter "B"
  R referee "R"
}
scene "INT. GYM - NIGHT" {
  fight A vs B {
    rules pro
    referee R
    round 1 {
      A jab head -> B hit
      // bout: allow(low-blow)
      A hook groin -> B hit
      B cross chin -> A down
      R count 10
    }
    result B ko
  }
}
"#;

// ---------------------------------------------------------------------------
// The exporters

/// Every timeline, graph and stats export of `model`, with their invariants;
/// the text outputs by kind, for the control-character report.
fn exports(model: &Model<'_>, fps: u32) -> Vec<(&'static str, String)> {
    let mut outputs = Vec::new();
    let t = timeline::build(model, fps);
    let json = serde_json::to_string_pretty(&t).expect("the timeline serialises");
    let value = json_parses("timeline json", &json);
    assert_eq!(
        value["events"].as_array().map(Vec::len),
        Some(t.len()),
        "timeline json: events lost"
    );
    outputs.push(("timeline json", json));

    // Both media references and both track layouts, once each.
    for use_title in [true, false] {
        let options = otio::Options {
            use_title,
            media: if use_title {
                otio::Media::Offline
            } else {
                otio::Media::Missing
            },
            tracks: if use_title {
                otio::Tracks::Layered
            } else {
                otio::Tracks::Single
            },
        };
        let otio = otio::export(&t, options);
        let text = serde_json::to_string(&otio).expect("otio serialises");
        json_parses("otio", &text);
        outputs.push(("otio", text));
    }

    for separator in [',', ';'] {
        let text = csv::export(&t, csv::Options { separator });
        csv_holds(&text, separator, t.len());
        // What the CLI streams into its file is the same text.
        let mut streamed = Vec::new();
        bout::export::stream(&mut streamed, |w| {
            csv::write(&t, csv::Options { separator }, w)
        })
        .expect("a Vec takes every write");
        assert_eq!(streamed, text.as_bytes(), "csv streamed differs from csv");
        outputs.push(("csv", text));
    }

    for clock in [svg::Clock::Screen, svg::Clock::Fight] {
        let text = svg::export(
            &t,
            svg::Options {
                clock,
                ..svg::Options::default()
            },
        );
        xml_holds("svg", &text);
        outputs.push(("svg", text));
    }

    for clusters in [true, false] {
        outputs.push((
            "dot",
            graph::dot(
                model,
                &graph::Options {
                    clusters,
                    only: None,
                },
            ),
        ));
    }
    let text = serde_json::to_string(&graph::json(model, None)).expect("the graph serialises");
    json_parses("graph json", &text);
    // What `bout graph --to json` streams is the same document.
    let streamed =
        serde_json::to_string(&graph::json_stream(model, None)).expect("the graph streams");
    assert_eq!(
        streamed, text,
        "graph json streamed differs from graph json"
    );
    outputs.push(("graph json", text));

    let s = stats::compute(model);
    outputs.push(("stats table", stats::table(&s)));
    let text = serde_json::to_string(&s).expect("the stats serialise");
    json_parses("stats json", &text);
    outputs.push(("stats json", text));

    // The paperwork: the fight call at two limits, the continuity report.
    for limit in [75, 1] {
        let sheet = bout::export::call::build(model, limit);
        let text = serde_json::to_string(&sheet).expect("the call serialises");
        json_parses("call json", &text);
        outputs.push(("call json", text));
        outputs.push(("call csv", bout::export::call::csv(&sheet)));
        outputs.push(("call html", bout::export::call::html(&sheet)));
        let pdf = bout::export::call::pdf(&sheet, bout::export::screenplay::layout::Paper::A4);
        assert!(pdf.starts_with(b"%PDF-"), "the call's PDF is a PDF");
    }
    let report = bout::export::continuity::build(model);
    let text = serde_json::to_string(&report).expect("the continuity report serialises");
    json_parses("continuity json", &text);
    outputs.push(("continuity json", text));
    outputs.push(("continuity csv", bout::export::continuity::csv(&report)));
    outputs.push(("continuity html", bout::export::continuity::html(&report)));
    outputs
}

// ---------------------------------------------------------------------------
// Invariants

/// Every span (primary and related) lies within `source`, in order, on
/// character boundaries (`span::Span`'s invariant).
pub fn spans_hold(source: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let spans = std::iter::once(d.span).chain(d.related.iter().map(|(s, _)| *s));
        for span in spans {
            let (start, end) = (span.start as usize, span.end as usize);
            assert!(
                start <= end,
                "{}: span {start}..{end} backwards",
                d.code.code
            );
            assert!(
                end <= source.len(),
                "{}: span {start}..{end} past the end ({})",
                d.code.code,
                source.len()
            );
            assert!(
                source.is_char_boundary(start) && source.is_char_boundary(end),
                "{}: span {start}..{end} not on character boundaries",
                d.code.code
            );
        }
    }
}

/// Every report format of `diagnostics` (human with and without colour,
/// JSON, SARIF, GitHub) renders, and the machine ones hold their shape.
pub fn reports_hold(name: &str, source: &str, diagnostics: &[Diagnostic]) {
    let plain = report::render(
        name,
        source,
        diagnostics,
        Style {
            color: false,
            width: 80,
        },
    );
    control("human report", &plain, source);
    // Colour is ANSI escapes: not checked for control characters.
    let _ = report::render(
        name,
        source,
        diagnostics,
        Style {
            color: true,
            width: 100,
        },
    );

    let mut summary = Summary::default();
    summary.add(diagnostics);
    summary.files = 1;
    let files = [report::File {
        name,
        source,
        diagnostics,
    }];

    let json = serde_json::to_string(&report::json(&files, summary)).expect("json report");
    let value = json_parses("json report", &json);
    let found = value["diagnostics"].as_array().expect("diagnostics array");
    assert_eq!(
        found.len(),
        diagnostics.len(),
        "json report: diagnostics lost"
    );
    for d in found {
        let at = |key: &str| d[key].as_u64().expect("a position");
        // 1-based lines and columns; the end not before the start.
        assert!(at("line") >= 1 && at("column") >= 1, "json report: {d}");
        assert!(
            (at("end_line"), at("end_column")) >= (at("line"), at("column")),
            "json report: end before start: {d}"
        );
    }

    // The log is made as it is serialized: read it back as JSON.
    let value = serde_json::to_value(report::sarif(&files)).expect("SARIF serializes");
    assert_eq!(
        value["runs"][0]["results"].as_array().map(Vec::len),
        Some(diagnostics.len()),
        "sarif: results lost"
    );

    // README: "one line per diagnostic".
    let github = report::github(&files);
    assert_eq!(
        github.lines().count(),
        diagnostics.len(),
        "github: not one line per diagnostic:\n{github}"
    );
    assert!(
        github.lines().all(|l| l.starts_with("::")),
        "github:\n{github}"
    );
    control("github", &github, source);

    let index = LineIndex::new(source);
    for d in diagnostics {
        let _ = report::to_json(name, &index, d);
    }
}

/// `text` parses back as JSON.
fn json_parses(kind: &str, text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{kind} does not parse back: {e}"))
}

/// The CSV export holds a header and one row per event, every record with
/// the header's fields, quoted as RFC 4180 says.
fn csv_holds(text: &str, separator: char, events: usize) {
    let mut records = Vec::new();
    let mut fields = 1usize;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), None | Some('\r'))
                            || chars.peek() == Some(&separator),
                        "csv: text after a closing quote"
                    );
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => panic!("csv: a quote inside an unquoted field"),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "csv: CR without LF");
                records.push(fields);
                fields = 1;
                at_field_start = true;
            }
            '\n' => panic!("csv: a bare LF outside quotes"),
            c if c == separator => {
                fields += 1;
                at_field_start = true;
            }
            _ => at_field_start = false,
        }
    }
    assert!(!quoted, "csv: an unclosed quote");
    assert!(
        at_field_start && fields == 1,
        "csv: the last record has no CRLF"
    );
    assert_eq!(
        records.len(),
        events + 1,
        "csv: not a header and one row per event"
    );
    assert!(
        records.iter().all(|&n| n == csv::HEADER.len()),
        "csv: a record without the header's {} fields: {records:?}",
        csv::HEADER.len()
    );
}

/// `text` is well-formed XML, as far as the subset bout writes goes: an
/// optional declaration, one root element, matched tags, quoted attributes,
/// `<` never in text or attributes, `&` only in entity or character
/// references to characters XML allows; no character XML 1.0 forbids (raw or
/// referenced: `export::escape::markup` replaces them with spaces).
fn xml_holds(kind: &str, text: &str) {
    let fail = |what: &str, at: usize| -> ! {
        let from = text.floor_char_boundary(at.saturating_sub(60));
        let to = text.ceil_char_boundary((at + 60).min(text.len()));
        panic!(
            "{kind}: not well-formed XML: {what} at byte {at}: {:?}",
            &text[from..to]
        )
    };
    let bytes = text.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut i = 0;
    // XML 1.0's Char: `escape::markup` promises the rest never get out.
    let legal = |c: u32| matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
    let reference = |i: usize| -> Option<usize> {
        let rest = &text[i + 1..];
        let end = rest.find(';')?;
        let name = &rest[..end];
        let number = if let Some(h) = name.strip_prefix("#x") {
            u32::from_str_radix(h, 16).ok()
        } else if let Some(d) = name.strip_prefix('#') {
            d.parse().ok()
        } else {
            matches!(name, "lt" | "gt" | "amp" | "quot" | "apos").then_some(0x20)
        };
        number.filter(|&n| legal(n)).map(|_| i + 1 + end + 1)
    };
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !legal(c as u32)) {
        fail(&format!("U+{:04X}, not an XML character,", c as u32), at);
    }
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let rest = &text[i..];
            if let Some(r) = rest.strip_prefix("</") {
                let end = r
                    .find('>')
                    .unwrap_or_else(|| fail("an unclosed end tag", i));
                let name = r[..end].trim_end();
                if stack.pop() != Some(name) {
                    fail("a mismatched end tag", i);
                }
                i += 2 + end + 1;
            } else if rest.starts_with("<!--") {
                i += rest
                    .find("-->")
                    .unwrap_or_else(|| fail("an unclosed comment", i))
                    + 3;
            } else if rest.starts_with("<?") {
                i += rest
                    .find("?>")
                    .unwrap_or_else(|| fail("an unclosed declaration", i))
                    + 2;
            } else if rest.starts_with("<!") {
                i += rest
                    .find('>')
                    .unwrap_or_else(|| fail("an unclosed doctype", i))
                    + 1;
            } else {
                let name_len = rest[1..]
                    .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                    .unwrap_or_else(|| fail("an unclosed start tag", i));
                let name = &rest[1..1 + name_len];
                if name.is_empty() {
                    fail("a tag without a name", i);
                }
                if stack.is_empty() {
                    roots += 1;
                }
                let mut j = i + 1 + name_len;
                loop {
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if text[j..].starts_with("/>") {
                        j += 2;
                        break;
                    }
                    if text[j..].starts_with('>') {
                        stack.push(name);
                        j += 1;
                        break;
                    }
                    let eq = text[j..]
                        .find('=')
                        .unwrap_or_else(|| fail("an attribute without =", j));
                    let attr = &text[j..j + eq];
                    if attr.is_empty()
                        || attr.contains(|c: char| c.is_whitespace() || "<>\"'/".contains(c))
                    {
                        fail("a bad attribute name", j);
                    }
                    j += eq + 1;
                    let quote = bytes.get(j).copied().unwrap_or(0);
                    if quote != b'"' && quote != b'\'' {
                        fail("an unquoted attribute", j);
                    }
                    j += 1;
                    loop {
                        match bytes.get(j) {
                            None => fail("an unclosed attribute", j),
                            Some(&b) if b == quote => break,
                            Some(b'<') => fail("< in an attribute", j),
                            Some(b'&') => {
                                j = reference(j)
                                    .unwrap_or_else(|| fail("a bare & in an attribute", j))
                            }
                            Some(_) => j += 1,
                        }
                    }
                    j += 1;
                }
                i = j;
            }
        } else if bytes[i] == b'&' {
            if stack.is_empty() {
                fail("text outside the root element", i);
            }
            i = reference(i).unwrap_or_else(|| fail("a bare & in text", i));
        } else {
            if stack.is_empty() && !bytes[i].is_ascii_whitespace() {
                fail("text outside the root element", i);
            }
            if bytes[i..].starts_with(b"]]>") {
                fail("]]> in text", i);
            }
            i += 1;
        }
    }
    if let Some(open) = stack.last() {
        fail(&format!("<{open}> never closed"), text.len());
    }
    if roots != 1 {
        fail(&format!("{roots} root elements"), 0);
    }
}

/// No output holds a control character other than `\n`, `\r` and `\t`, nor
/// a bidirectional embedding, override or isolate: the lexer refuses them
/// in a script (`invalid-character`, `invalid-escape`), the human and
/// GitHub reports show the script's text escaped, and the exporters strip
/// what the library may still be handed (README, "Limits";
/// `docs/screenplay.md`, "What bout escapes").
pub fn control(kind: &str, text: &str, input: &str) {
    let Some((at, c)) = text.char_indices().find(|&(_, c)| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) else {
        return;
    };
    let shown: String = input.chars().take(300).collect();
    panic!(
        "hidden character U+{:04X} in the {kind} output at byte {at}; input: {shown:?}",
        c as u32
    );
}

/// What either importer writes names lines of `source` in its report,
/// parses with no syntax error (every string escaped, no construct the
/// parser refuses) and is in `bout fmt`'s layout without the formatter
/// having read it.
fn written_whole(imported: &bout::import::Imported, source: &str) {
    // Every decision names a line of the source (boneyards and notes over
    // several lines taken out do not shift the count).
    let lines = LineIndex::new(source).lines();
    for note in &imported.report {
        assert!(
            (1..=lines).contains(&note.line),
            "decision on line {} of {lines}: {}",
            note.line,
            note.message
        );
    }
    let parsed = bout::syntax::parse(&imported.script);
    assert!(
        parsed.diagnostics.is_empty(),
        "the imported script has syntax errors: {:?}\n{}",
        parsed
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>(),
        imported.script
    );
    assert_eq!(
        bout::fmt::format(&imported.script).ok().as_deref(),
        Some(imported.script.as_str()),
        "the imported script is not in bout fmt's layout"
    );
}

/// `import`: any text imports as Fountain without panicking, and the script
/// it writes parses with no syntax error (the importer escapes every string
/// and never writes a construct the parser refuses).
pub fn import(source: &str) {
    let imported = bout::import::fountain(source);
    written_whole(&imported, source);
}

/// `import_fdx`: any text imports as Final Draft XML without panicking
/// (binary, truncated, deeply nested, entity-laden or not XML at all); the
/// script it writes parses with no syntax error; every decision names a
/// line of the input; and when `fdx::detect` accepts the text (the CLI's
/// test), the reader read its `FinalDraft` root.
pub fn import_fdx(source: &str) {
    let imported = bout::import::fdx(source);
    written_whole(&imported, source);
    if bout::import::fdx::detect(source).is_ok() {
        assert!(
            !imported
                .report
                .iter()
                // The message itself, not a message quoting the input.
                .any(|n| n.message.starts_with("no `FinalDraft` root element")),
            "detect accepts a text the reader finds no root in"
        );
    }
}
