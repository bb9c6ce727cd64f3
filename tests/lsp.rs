//! `bout lsp`, in process: scripted sessions (initialize, open, change,
//! requests) over an in-memory connection, each response snapshotted
//! beside the request that asked for it.

use std::fmt::Write as _;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

const URI: &str = "file:///nonexistent/club-night.bout";

/// A client talking to a server thread.
struct Client {
    conn: Connection,
    server: Option<JoinHandle<()>>,
    next: i32,
    /// Notifications received while waiting for responses.
    notifications: Vec<Notification>,
}

impl Client {
    fn start(options: Value) -> Client {
        Client::start_with(options, json!({}))
    }

    fn start_with(options: Value, capabilities: Value) -> Client {
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || bout::lsp::serve(&server));
        let mut client = Client {
            conn,
            server: Some(handle),
            next: 0,
            notifications: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({ "capabilities": capabilities, "initializationOptions": options }),
        );
        assert!(result.get("capabilities").is_some(), "{result}");
        client.notify("initialized", json!({}));
        client
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.to_owned(), params).into())
            .unwrap();
    }

    fn send(&mut self, method: &str, params: Value) -> RequestId {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Request::new(id.clone(), method.to_owned(), params).into())
            .unwrap();
        id
    }

    fn wait(&mut self, id: RequestId) -> Response {
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(30)) {
                Ok(Message::Response(r)) if r.id == id => return r,
                Ok(Message::Response(r)) => panic!("an answer to another request: {r:?}"),
                Ok(Message::Notification(n)) => self.notifications.push(n),
                Ok(Message::Request(r)) => panic!("the server asked {r:?}"),
                Err(e) => panic!("no answer: {e}"),
            }
        }
    }

    /// The result of a request, or its error as `{"error": …}`.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params);
        let response = self.wait(id);
        match (response.result, response.error) {
            (_, Some(error)) => {
                json!({ "error": { "code": error.code, "message": error.message } })
            }
            (Some(result), None) => result,
            (None, None) => Value::Null,
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        if let Some(i) = self.notifications.iter().position(|n| is_publish(n, uri)) {
            return self.notifications.remove(i).params;
        }
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(30)) {
                Ok(Message::Notification(n)) if is_publish(&n, uri) => return n.params,
                Ok(Message::Notification(n)) => self.notifications.push(n),
                Ok(other) => panic!("unexpected {other:?}"),
                Err(e) => panic!("no diagnostics: {e}"),
            }
        }
    }

    fn open(&mut self, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "bout", "version": 1, "text": text } }),
        );
        self.diagnostics(URI)
    }

    fn stop(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert_eq!(shutdown, Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap();
    }
}

fn is_publish(n: &Notification, uri: &str) -> bool {
    n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
}

fn script() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lsp/club-night.bout"
    ))
    .unwrap()
}

/// The protocol position of the `nth` occurrence of `needle` in `text`,
/// moved `shift` bytes in (all ASCII here).
fn at(text: &str, needle: &str, shift: usize) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?}")) + shift;
    let line = text[..offset].matches('\n').count();
    let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": column })
}

fn doc() -> Value {
    json!({ "uri": URI })
}

/// The script with line numbers, then each step: what was asked, where,
/// and the answer.
struct Transcript {
    out: String,
}

impl Transcript {
    fn new(text: &str) -> Transcript {
        let mut out = String::from("── script ──\n");
        for (i, line) in text.lines().enumerate() {
            let _ = writeln!(out, "{i:>3} │ {line}");
        }
        Transcript { out }
    }

    fn step(&mut self, what: &str, answer: &Value) {
        let _ = write!(
            self.out,
            "\n── {what} ──\n{}\n",
            serde_json::to_string_pretty(answer).unwrap()
        );
    }
}

#[test]
fn a_session_through_every_feature() {
    let text = script();
    let mut client = Client::start(json!({ "rulesUrl": "https://example.org/rules.md" }));
    let mut t = Transcript::new(&text);
    let published = client.open(&text);
    t.step("publishDiagnostics on open", &published);

    let position = |needle: &str, shift: usize| json!({ "textDocument": doc(), "position": at(&text, needle, shift) });
    for (what, needle, shift) in [
        ("hover on a cast id (JUNE in the header)", "vs JUNE", 3),
        ("hover on a declared technique", "shovel-hook ribs", 2),
        ("hover on a built-in technique", "jab head -> JUNE", 1),
        (
            "hover on the count (JUNE's hook put MARIA down)",
            "REF count 8",
            5,
        ),
        ("hover on MARIA up", "MARIA up", 7),
        ("hover on the round header", "round 2", 2),
        ("hover on nothing (the title)", "\"Club Night\"", 3),
        (
            "hover on a line of dialogue in a corner (no fight state: not an event)",
            "\"Stay off",
            3,
        ),
    ] {
        let answer = client.request("textDocument/hover", position(needle, shift));
        t.step(what, &answer);
    }
    let answer = client.request("textDocument/definition", position("MARIA up", 1));
    t.step("definition of MARIA", &answer);
    let answer = client.request("textDocument/definition", position("after #answer", 8));
    t.step("definition of #answer", &answer);
    let answer = client.request("textDocument/definition", position("shovel-hook ribs", 1));
    t.step("definition of shovel-hook", &answer);
    let mut refs = position("JUNE block", 1);
    refs["context"] = json!({ "includeDeclaration": true });
    let answer = client.request("textDocument/references", refs);
    t.step("references of JUNE, declaration included", &answer);

    let answer = client.request("textDocument/prepareRename", position("BENNY:", 1));
    t.step("prepareRename on BENNY", &answer);
    let answer = client.request(
        "textDocument/prepareRename",
        position("jab head -> JUNE", 1),
    );
    t.step("prepareRename on a built-in technique", &answer);
    let mut rename = position("BENNY:", 1);
    rename["newName"] = json!("SAL");
    let answer = client.request("textDocument/rename", rename.clone());
    t.step("rename BENNY to SAL", &answer);
    rename["newName"] = json!("JUNE");
    let answer = client.request("textDocument/rename", rename.clone());
    t.step("rename BENNY to JUNE (taken)", &answer);
    rename["newName"] = json!("benny");
    let answer = client.request("textDocument/rename", rename);
    t.step("rename BENNY to benny (not a cast id)", &answer);
    let mut rename = position("#first", 2);
    rename["newName"] = json!("opening-round");
    let answer = client.request("textDocument/rename", rename);
    t.step("rename #first", &answer);
    let mut rename = position("shovel-hook strike", 2);
    rename["newName"] = json!("hook");
    let answer = client.request("textDocument/rename", rename);
    t.step("rename shovel-hook to hook (a built-in)", &answer);

    let answer = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": doc() }),
    );
    t.step("documentSymbol", &answer);
    let answer = client.request(
        "textDocument/foldingRange",
        json!({ "textDocument": doc() }),
    );
    t.step("foldingRange", &answer);
    let everything =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 999, "character": 0 } });
    let answer = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": doc(), "range": everything }),
    );
    t.step("inlayHint", &answer);
    let answer = client.request(
        "textDocument/semanticTokens/range",
        json!({ "textDocument": doc(), "range": {
            "start": at(&text, "MARIA shovel-hook", 0), "end": at(&text, "MARIA shovel-hook", 0) } }),
    );
    t.step("semanticTokens/range on the shovel-hook line", &answer);

    for (what, needle, shift) in [
        ("codeAction on the misspelt uppercut", "uppercutt", 2),
        ("codeAction on the fall without a mat", "MARIA down", 7),
        (
            "codeAction on the full-contact head strike",
            "contact full",
            9,
        ),
    ] {
        let p = at(&text, needle, shift);
        let answer = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": doc(), "range": { "start": p, "end": p },
                    "context": { "diagnostics": [] } }),
        );
        t.step(what, &answer);
    }
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": doc(), "range": everything,
                "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    t.step("codeAction source.fixAll", &answer);
    let answer = client.request(
        "textDocument/formatting",
        json!({ "textDocument": doc(),
        "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    t.step(
        "formatting, through bout fmt (the cast columns aligned)",
        &answer,
    );
    insta::assert_snapshot!("session", t.out);
    client.stop();
}

/// Completion at `needle` (the cursor just after it) after `line` is
/// typed as a new line before `anchor`: the labels of the items.
#[test]
fn completion_by_context() {
    let text = script();
    // A client that takes snippets (one that does not gets none: see the
    // robustness test's completion).
    let snippets = json!({ "textDocument": { "completion": { "completionItem": { "snippetSupport": true } } } });
    let mut client = Client::start_with(json!({}), snippets);
    client.open(&text);
    let mut t = String::new();
    let mut version = 1;
    for (anchor, typed) in [
        ("      bell\n", "      "),
        ("      bell\n", "      MARIA "),
        // Down, being counted: now `up` is offered (standing, above, not).
        ("      MARIA up", "      MARIA "),
        ("      bell\n", "      MARIA lead "),
        ("      bell\n", "      MARIA hook "),
        ("      bell\n", "      MARIA hook body contact "),
        (
            "      MARIA jab head",
            "      MARIA hook body speed 50% -> ",
        ),
        ("      MARIA jab head", "      MARIA hook body -> JUNE "),
        (
            "      MARIA jab head",
            "      MARIA hook body -> JUNE slip ",
        ),
        ("      MARIA jab head", "      MARIA hook body -> JUNE cut "),
        ("      MARIA jab head", "      REF "),
        ("      MARIA jab head", "      REF warn "),
        (
            "      MARIA jab head",
            "      MARIA jab head -> JUNE hit after ",
        ),
        ("    rules amateur", "    "),
        ("    rules amateur", "    rules "),
        ("    rules amateur", "    three-knockdown "),
        ("    rules amateur", "    result "),
        ("    rules amateur", "    result JUNE "),
        ("  fight MARIA", "  "),
        ("  JUNE   fighter", "  ALEX "),
        ("  JUNE   fighter", "  ALEX fighter \"Alex\" "),
        ("  JUNE   fighter", "  ALEX fighter \"Alex\" stance "),
        ("production screen", "production "),
        ("      MARIA jab head", "      // bout: allow(low-blow, "),
    ] {
        let offset = text.find(anchor).unwrap();
        let edited = format!("{}{typed}\n{}", &text[..offset], &text[offset..]);
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version },
                    "contentChanges": [{ "text": edited }] }),
        );
        let line = edited[..offset].matches('\n').count();
        let answer = client.request(
            "textDocument/completion",
            json!({ "textDocument": doc(), "position": { "line": line, "character": typed.len() } }),
        );
        let labels: Vec<String> = answer
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect();
        let shown = if labels.len() > 24 {
            format!("{} … ({} in all)", labels[..24].join(" "), labels.len())
        } else {
            labels.join(" ")
        };
        let _ = writeln!(t, "{:<44} → {shown}", format!("{:?}", typed.trim_start()));
    }
    insta::assert_snapshot!("completion", t);
    client.stop();
}

#[test]
fn incremental_edits_and_a_config_reload() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let path = dir.path().join("bar.bout");
    let text = "cast {\n  A fighter \"A\"\n  B fighter \"B\"\n}\nscene \"INT. BAR - NIGHT\" {\n  fight A vs B {\n    rules street\n    A jab head -> B down\n  }\n}\n";
    std::fs::write(&path, text).unwrap();
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "bout", "version": 1, "text": text } }),
    );
    let codes = |d: &Value| -> Vec<String> {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {}", d["code"].as_str().unwrap(), d["severity"]))
            .collect()
    };
    let first = client.diagnostics(&uri);
    assert_eq!(codes(&first), ["X004 1"], "{first}");
    // Typing ` mat` at the end of the move, one character at a time, in one batch.
    let line = 7;
    let end = "    A jab head -> B down".len();
    for (i, c) in " mat".chars().enumerate() {
        let col = end + i;
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 + i },
                    "contentChanges": [{ "range": {
                        "start": { "line": line, "character": col },
                        "end": { "line": line, "character": col } }, "text": c.to_string() }] }),
        );
    }
    // Every batch ends with a check; the last published is the clean one.
    let mut last = client.diagnostics(&uri);
    while last["version"] != json!(5) {
        last = client.diagnostics(&uri);
    }
    assert_eq!(codes(&last), Vec::<String>::new(), "{last}");
    // Denying a warning in bout.toml is seen on the next check.
    std::fs::write(
        dir.path().join("bout.toml"),
        "[lints]\nscreen-fall-without-mat = \"warn\"\n",
    )
    .unwrap();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 6 },
                "contentChanges": [{ "text": text }] }),
    );
    let warned = client.diagnostics(&uri);
    assert_eq!(codes(&warned), ["X004 2"], "{warned}");
    client.stop();
}

#[test]
fn robust_against_bad_requests() {
    let mut client = Client::start(json!({}));
    let text = script();
    client.open(&text);
    let mut t = String::new();
    let far = json!({ "line": 100000, "character": 4_000_000_000u32 });
    for (method, params) in [
        (
            "textDocument/hover",
            json!({ "textDocument": doc(), "position": far }),
        ),
        (
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///not/open.bout" }, "position": far }),
        ),
        ("textDocument/hover", json!({ "nonsense": true })),
        (
            "textDocument/completion",
            json!({ "textDocument": doc(), "position": far }),
        ),
        (
            "textDocument/rename",
            json!({ "textDocument": doc(), "position": far, "newName": "X" }),
        ),
        (
            "textDocument/inlayHint",
            json!({ "textDocument": doc(), "range": { "start": far, "end": { "line": 0, "character": 0 } } }),
        ),
        ("workspace/unknownThing", json!({})),
        ("initialize", json!({ "capabilities": {} })),
    ] {
        let answer = client.request(method, params);
        let _ = writeln!(t, "{method} → {answer}");
    }
    // Cancelling a request already answered changes nothing.
    client.notify("$/cancelRequest", json!({ "id": 1 }));
    let answer = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": doc() }),
    );
    let _ = writeln!(
        t,
        "documentSymbol after a stale cancel → ok: {}",
        answer.is_array()
    );
    insta::assert_snapshot!("robust", t);
    client.stop();
}

#[test]
fn requests_before_initialize_are_refused_and_a_vanished_client_ends_the_server() {
    let (server, conn) = Connection::memory();
    let handle = std::thread::spawn(move || bout::lsp::serve(&server));
    conn.sender
        .send(Request::new(RequestId::from(1), "textDocument/hover".into(), json!({})).into())
        .unwrap();
    let Message::Response(r) = conn.receiver.recv_timeout(Duration::from_secs(30)).unwrap() else {
        panic!("no response");
    };
    assert_eq!(r.error.unwrap().code, -32002);
    // The client goes away without `shutdown`: the server ends.
    drop(conn);
    handle.join().unwrap();
}
