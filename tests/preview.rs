//! `bout preview` in a real browser: Chromium, headless, through
//! Playwright (`tests/interop/preview.js`; `tests/run.sh` installs both).
//! The page shows the four panes; an edit that breaks the script keeps the
//! last good render under the errors; fixing it and adding a round updates
//! the page in place (no reload); script text with markup in it stays
//! text.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

/// A running `bout preview`, stopped when dropped (a failed assertion
/// must not leave it serving).
struct Preview(std::process::Child);

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl std::ops::Deref for Preview {
    type Target = std::process::Child;
    fn deref(&self) -> &std::process::Child {
        &self.0
    }
}

impl std::ops::DerefMut for Preview {
    fn deref_mut(&mut self) -> &mut std::process::Child {
        &mut self.0
    }
}

/// Starts `bout preview` on `file`; the child and the page's URL.
fn start(file: &std::path::Path) -> (Preview, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bout"))
        .arg("preview")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("bout preview starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    (Preview(child), url)
}

fn drive(
    url: &str,
    file: &std::path::Path,
    steps: &Value,
    shots: Option<&std::path::Path>,
) -> Value {
    let dir = file.parent().unwrap();
    let steps_file = dir.join("steps.json");
    std::fs::write(&steps_file, steps.to_string()).unwrap();
    let interop = common::root().join("tests/interop");
    let mut command = Command::new("node");
    command
        .arg(interop.join("preview.js"))
        .env("BOUT_URL", url)
        .env("BOUT_FILE", file)
        .env("BOUT_STEPS", &steps_file)
        .current_dir(&interop);
    if let Some(shots) = shots {
        command.env("BOUT_SHOTS", shots);
    }
    let out = command
        .output()
        .expect("node runs (tests/run.sh installs it)");
    assert!(
        out.status.success(),
        "the browser driver failed (tests/run.sh installs Chromium and playwright-core):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_page_follows_each_save_and_keeps_the_last_good_render() {
    let dir = common::scratch("preview");
    let file = dir.join("gym.bout");
    let original =
        std::fs::read_to_string(common::root().join("examples/the-ward-gym.bout")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let (mut child, url) = start(&file);
    // A typo that is a syntax error; then fixed, with a round added.
    let broken = original.replacen("rules amateur", "rules amatuer", 1);
    assert_ne!(broken, original);
    let fixed_with_round = {
        let at = original.find("    round 2").expect("a round 2");
        let mut text = original.clone();
        text.insert_str(at, "    // a round added in the editor\n");
        text
    };
    let shots = std::env::var_os("BOUT_PREVIEW_SHOTS").map(std::path::PathBuf::from);
    let result = drive(
        &url,
        &file,
        &json!([
            { "name": "broken", "write": broken },
            { "name": "fixed", "write": fixed_with_round },
            { "name": "deleted", "delete": true },
        ]),
        shots.as_deref(),
    );
    let _ = child.kill();
    let _ = child.wait();
    let loaded = &result["loaded"];
    assert!(loaded["pages"].as_u64().unwrap() >= 2, "{loaded}");
    assert!(
        loaded["screenplay"]
            .as_str()
            .unwrap()
            .contains("THE WARD GYM"),
        "{loaded}"
    );
    assert!(loaded["timelineEvents"].as_u64().unwrap() > 20, "{loaded}");
    assert!(
        loaded["stats"].as_str().unwrap().contains("PUNCH STATS"),
        "{loaded}"
    );
    assert_eq!(loaded["banner"], Value::Null);
    // The first scene heading is line 32 of the example.
    let line = original
        .lines()
        .position(|l| l.trim_start().starts_with("scene "))
        .unwrap()
        + 1;
    assert_eq!(
        result["clickedHeading"].as_str().unwrap(),
        format!("{}:{line}", file.display()),
        "clicking the first scene heading"
    );
    let round = original
        .lines()
        .position(|l| l.trim_start().starts_with("round 1"))
        .unwrap()
        + 1;
    assert_eq!(
        result["clickedRound"].as_str().unwrap(),
        format!("{}:{round}", file.display()),
        "clicking ROUND ONE names the round's line, not the fight's"
    );
    let broken = &result["steps"][0];
    assert!(
        broken["banner"]
            .as_str()
            .unwrap()
            .contains("last version that checked clean"),
        "{broken}"
    );
    assert_eq!(broken["stale"], true);
    assert_eq!(
        broken["screenplay"], loaded["screenplay"],
        "the last good render stays"
    );
    assert!(
        broken["diagnostics"][0]
            .as_str()
            .unwrap()
            .contains("error S"),
        "{broken}"
    );
    let fixed = &result["steps"][1];
    assert_eq!(fixed["banner"], Value::Null, "{fixed}");
    assert_eq!(fixed["stale"], false);
    // In place: the page was never reloaded.
    assert_eq!(fixed["loadedAt"], loaded["loadedAt"]);
    // A deleted file is a message in the page; the last render stays.
    let deleted = &result["steps"][2];
    assert!(
        deleted["banner"].as_str().unwrap().contains("gym.bout"),
        "{deleted}"
    );
    assert_eq!(deleted["screenplay"], fixed["screenplay"]);
    assert_eq!(result["dialogs"], json!([]));
}

#[test]
fn script_text_with_markup_stays_text_in_the_page() {
    let dir = common::scratch("preview-escaping");
    let file = dir.join("payload.bout");
    let script = |line: &str| {
        format!(
            "title \"</script><script>alert(1)</script>\"\ncast {{\n  ANA character \"Ana <b>\"\n}}\nscene \"INT. ROOM - DAY\" {{\n  ANA: \"{line}\"\n}}\n"
        )
    };
    std::fs::write(&file, script("Hello.")).unwrap();
    let (mut child, url) = start(&file);
    let payload = "</script><img src=x onerror=alert(2)> \\\"'><svg onload=alert(3)> <!-- ]]>";
    let result = drive(
        &url,
        &file,
        &json!([{ "name": "payload", "write": script(payload) }]),
        None,
    );
    let _ = child.kill();
    let _ = child.wait();
    let step = &result["steps"][0];
    assert_eq!(result["dialogs"], json!([]), "a script ran");
    assert_eq!(step["scripts"], 0);
    assert_eq!(step["injected"], 0);
    let shown = step["screenplay"].as_str().unwrap().replace('\n', " ");
    assert!(shown.contains("<img src=x onerror=alert(2)>"), "{step}");
    assert!(
        shown.contains("</SCRIPT><SCRIPT>ALERT(1)</SCRIPT>"),
        "{step}"
    );
}

/// One raw HTTP/1.1 request; the status code.
fn status(url: &str, path: &str, host: &str) -> u16 {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Loopback only, its own address only (no DNS rebinding), its own routes
/// only (never a file), and a clean stop on Ctrl-C.
#[test]
fn the_server_answers_only_itself_and_stops_on_ctrl_c() {
    let dir = common::scratch("preview-safety");
    let file = dir.join("s.bout");
    std::fs::copy(common::root().join("examples/dialogue-only.bout"), &file).unwrap();
    let (mut child, url) = start(&file);
    let own = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    assert!(own.starts_with("127.0.0.1:"), "{own}");
    let port = own.rsplit(':').next().unwrap();
    assert_eq!(status(&url, "/", &own), 200);
    assert_eq!(status(&url, "/", &format!("localhost:{port}")), 200);
    assert_eq!(status(&url, "/update", &own), 200);
    // Another name for the same address (a rebinding attack) is refused.
    assert_eq!(
        status(&url, "/update", &format!("attacker.example:{port}")),
        421
    );
    assert_eq!(status(&url, "/", "127.0.0.1"), 421);
    // No file is ever served.
    for path in ["/s.bout", "/../s.bout", "/etc/passwd", "/%2e%2e/s.bout"] {
        assert_eq!(status(&url, path, &own), 404, "{path}");
    }
    // Opening an editor needs the page's own origin (and --editor).
    // Ctrl-C: a clean stop, exit status 0, even with a page open (its
    // event stream never ends by itself).
    let mut page = std::net::TcpStream::connect(own.as_str()).unwrap();
    {
        use std::io::Write;
        write!(page, "GET /events HTTP/1.1\r\nHost: {own}\r\n\r\n").unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let pid = child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed().as_secs() < 10,
            "still running 10 s after Ctrl-C"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    drop(page);
}
