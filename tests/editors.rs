//! `bout lsp` end to end through a real client: Neovim, headless, with the
//! repository's own Neovim config (`editors/neovim/bout.lua`), driven by
//! `tests/interop/neovim.lua`. `tests/run.sh` installs Neovim.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn neovim_gets_diagnostics_hover_definition_completion_hints_and_a_rename() {
    let root = common::root();
    let dir = common::scratch("neovim");
    let out = dir.join("session.txt");
    // A copy: the session renames in the buffer and must not touch the fixture.
    let script = dir.join("club-night.bout");
    std::fs::copy(root.join("tests/fixtures/lsp/club-night.bout"), &script).unwrap();
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u"])
        .arg(root.join("tests/interop/neovim.lua"))
        .env("BOUT_BIN", env!("CARGO_BIN_EXE_bout"))
        .env("BOUT_CONFIG", root.join("editors/neovim/bout.lua"))
        .env("BOUT_SCRIPT", &script)
        .env("BOUT_OUT", &out)
        .spawn()
        .unwrap_or_else(|e| {
            panic!("Neovim (`nvim`) is needed for this test: run `tests/run.sh`, which installs it ({e})")
        });
    // The driver always quits; a stuck client is killed and fails the test.
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Neovim did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim exited with {status}");
    let seen = std::fs::read_to_string(&out).expect("the Lua driver writes its findings");
    assert!(!seen.contains("error\t"), "{seen}");
    insta::assert_snapshot!("neovim", seen);
}

/// The VS Code extension's TextMate grammar is the one generated from the
/// lexer's word tables (`BOUT_UPDATE=1 cargo test --test editors` writes it).
#[test]
fn the_textmate_grammar_is_generated_from_the_word_tables() {
    let path = common::root().join("editors/vscode/syntaxes/bout.tmLanguage.json");
    let generated = bout::syntax::textmate::grammar();
    if std::env::var_os("BOUT_UPDATE").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "editors/vscode/syntaxes/bout.tmLanguage.json is stale: run `BOUT_UPDATE=1 cargo test --test editors`"
    );
}
