//! `bout lsp` as a fight director uses it: a new fight scene typed, key by
//! key, at the end of a 1 MB script (the generated one), each key one
//! incremental `didChange`, each waited for until its `publishDiagnostics`
//! arrives (a typist slower than the server). Prints the latency from
//! `didChange` to `publishDiagnostics` (median, p95, max) and the peak heap
//! above the script itself: of the open (the whole check), while typing,
//! and of the whole session. Then a hover and the
//! inlay hints of the whole document, as an editor asks after each key.
//!
//! `cargo bench --bench lsp` (`BOUT_LSP_SIZE=BYTES` for another size).

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use bout::lsp::{Connection, Message, Notification, Request, RequestId};
use common::{Counting, IN_USE, PEAK};
use serde_json::{Value, json};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What is typed: a scene with a two-round fight, as a fight director
/// blocks it. Each character is one keystroke.
const TYPED: &str = r#"scene "INT. BENCH GYM - NIGHT" {
  fight ROCKY vs DRAGO {
    rules pro
    rounds 2
    referee REF
    round 1 {
      ROCKY jab head -> DRAGO block
      DRAGO cross body -> ROCKY hit
      ROCKY left hook head -> DRAGO stagger
      DRAGO uppercut chin -> ROCKY down mat
      REF count 8
      ROCKY up
      bell
    }
  }
}
"#;

fn main() {
    let size = std::env::var("BOUT_LSP_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let script = bout::generate::script_of_size(size, 11);
    let uri = "file:///bench/typed.bout";
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);

    let (server, client) = Connection::memory();
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || bout::lsp::serve(&server))
        .expect("spawn");
    let mut next = 0;
    let mut request = |method: &str, params: Value| -> Value {
        next += 1;
        let id = RequestId::from(next);
        client
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .unwrap();
        loop {
            match client.receiver.recv().unwrap() {
                Message::Response(r) if r.id == id => return r.result.unwrap_or(Value::Null),
                _ => {}
            }
        }
    };
    request("initialize", json!({ "capabilities": {} }));
    let notify = |method: &str, params: Value| {
        client
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    };
    let wait_for = |version: i64| loop {
        if let Message::Notification(n) = client.receiver.recv().unwrap()
            && n.method == "textDocument/publishDiagnostics"
            && n.params["version"] == json!(version)
        {
            return n.params["diagnostics"].as_array().map_or(0, Vec::len);
        }
    };
    let opened = Instant::now();
    notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "bout", "version": 0, "text": script } }),
    );
    wait_for(0);
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    // The open's peak (the whole check), then the typing's alone.
    let open_peak = PEAK.load(Ordering::Relaxed) - base;
    let held = IN_USE.load(Ordering::Relaxed);
    PEAK.store(held, Ordering::Relaxed);

    // The cursor: the end of the file, on a line of its own.
    let mut line = script.lines().count() as u32;
    let mut column = 0u32;
    let mut latencies = Vec::with_capacity(TYPED.len());
    let mut diagnostics = 0;
    for (i, c) in TYPED.chars().enumerate() {
        let version = i as i64 + 1;
        let at = json!({ "line": line, "character": column });
        let started = Instant::now();
        notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": at, "end": at }, "text": c.to_string() }] }),
        );
        diagnostics = wait_for(version);
        latencies.push(started.elapsed());
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += c.len_utf16() as u32;
        }
    }
    let typing_peak = PEAK.load(Ordering::Relaxed) - base;
    let typing_above = PEAK.load(Ordering::Relaxed) - held;
    let hovered = Instant::now();
    let hover = request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line - 5, "character": 8 } }),
    );
    let hover_ms = hovered.elapsed().as_secs_f64() * 1e3;
    let hinted = Instant::now();
    let hints = request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": {
            "start": { "line": 0, "character": 0 }, "end": { "line": line, "character": 0 } } }),
    );
    let hints_ms = hinted.elapsed().as_secs_f64() * 1e3;
    request("shutdown", Value::Null);
    notify("exit", Value::Null);
    handle.join().unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - base;

    // The check alone on the final text, warm, for the share of the
    // latency that is the check's.
    let mut typed = script.clone();
    typed.push_str(TYPED);
    let alone = median_of(30, || drop(bout::check::check(&typed)));
    let parse = median_of(30, || drop(bout::syntax::parse(&typed)));
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let pick = |q: f64| ms(latencies[((latencies.len() - 1) as f64 * q).round() as usize]);
    println!(
        "bout lsp on a {:.2} MB script ({} keystrokes typed):",
        script.len() as f64 / 1e6,
        latencies.len()
    );
    println!("  open → diagnostics          {open_ms:>8.1} ms");
    println!(
        "  didChange → publish         median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        pick(0.5),
        pick(0.95),
        ms(*latencies.last().unwrap())
    );
    println!(
        "  the check alone, warm       median {:.1} ms (parse {:.1} ms)",
        ms(alone),
        ms(parse)
    );
    println!("  diagnostics at the end      {diagnostics} (the typed fight checks clean)");
    println!(
        "  hover (first after a key)   {hover_ms:>8.1} ms ({} bytes of markdown)",
        hover["contents"]["value"].as_str().map_or(0, str::len)
    );
    println!(
        "  inlay hints, whole document {hints_ms:>8.1} ms ({} hints)",
        hints.as_array().map_or(0, Vec::len)
    );
    println!(
        "  peak heap, open             {:>8.1} MB ({:.1}× the script)",
        open_peak as f64 / 1e6,
        open_peak as f64 / script.len() as f64
    );
    println!(
        "  held after the open         {:>8.1} MB ({:.1}× the script)",
        (held - base) as f64 / 1e6,
        (held - base) as f64 / script.len() as f64
    );
    println!(
        "  peak heap while typing      {:>8.1} MB ({:.1}× the script; {:.1} MB above what the open held)",
        typing_peak as f64 / 1e6,
        typing_peak as f64 / script.len() as f64,
        typing_above as f64 / 1e6
    );
    println!(
        "  peak heap, whole session    {:>8.1} MB ({:.1}× the script; the hints' JSON included)",
        peak as f64 / 1e6,
        peak as f64 / script.len() as f64
    );
}

/// The median time of `runs` runs of `work`.
fn median_of(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
