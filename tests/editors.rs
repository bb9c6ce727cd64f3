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

/// The tree-sitter CLI (`tests/run.sh` installs it from crates.io into
/// `~/.cache/bout-tools`, outside the clone, so CI builds it once).
fn tree_sitter_cli() -> std::path::PathBuf {
    let cached = std::env::var_os("HOME")
        .map(std::path::PathBuf::from)
        .map(|h| h.join(".cache/bout-tools/bin/tree-sitter"));
    if let Some(path) = cached.filter(|p| p.is_file()) {
        return path;
    }
    "tree-sitter".into()
}

fn run(command: &mut Command, what: &str) -> String {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: {e} (run tests/run.sh, which installs it)"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// The grammar's corpus and highlight tests pass (`tree-sitter test`), and
/// the committed parser is the one `grammar.js` generates.
#[test]
fn the_tree_sitter_grammar_passes_its_tests_and_its_parser_is_generated() {
    let grammar = common::root().join("grammar/tree-sitter-bout");
    let out = run(
        Command::new(tree_sitter_cli())
            .arg("test")
            .current_dir(&grammar),
        "tree-sitter test",
    );
    assert!(out.contains("assertions"), "no highlight test ran:\n{out}");
    assert!(!out.contains('✗'), "{out}");
    // Generate again into a copy; the parser must not change.
    let dir = common::scratch("tree-sitter-generate");
    for file in ["grammar.js", "package.json", "tree-sitter.json"] {
        std::fs::copy(grammar.join(file), dir.join(file)).unwrap();
    }
    run(
        Command::new(tree_sitter_cli())
            .args(["generate", "--abi", "14"])
            .current_dir(&dir),
        "tree-sitter generate",
    );
    let fresh = std::fs::read_to_string(dir.join("src/parser.c")).unwrap();
    let committed = std::fs::read_to_string(grammar.join("src/parser.c")).unwrap();
    assert!(
        fresh == committed,
        "grammar/tree-sitter-bout/src/parser.c is stale: run `tree-sitter generate --abi 14` there"
    );
}

/// Neovim's own tree-sitter (headless) reads an example with the grammar
/// and the highlights query, and finds at every token the capture the
/// tree-sitter library finds (the innermost capture's first word).
#[test]
fn neovim_highlights_with_the_tree_sitter_grammar() {
    use tree_sitter::StreamingIterator;
    let root = common::root();
    let dir = common::scratch("neovim-treesitter");
    let lib = dir.join("bout.so");
    run(
        Command::new(tree_sitter_cli())
            .args(["build", "-o"])
            .arg(&lib)
            .current_dir(root.join("grammar/tree-sitter-bout")),
        "tree-sitter build",
    );
    let script = root.join("examples/the-ward-gym.bout");
    let text = std::fs::read_to_string(&script).unwrap();
    // The library's innermost capture at each token start.
    let language: tree_sitter::Language = tree_sitter_bout::LANGUAGE.into();
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language).unwrap();
    let tree = parser.parse(&text, None).unwrap();
    let query = tree_sitter::Query::new(&language, tree_sitter_bout::HIGHLIGHTS_QUERY).unwrap();
    let mut cursor = tree_sitter::QueryCursor::new();
    let mut innermost: std::collections::BTreeMap<(usize, usize), (usize, String)> =
        Default::default();
    let mut captures = cursor.captures(&query, tree.root_node(), text.as_bytes());
    while let Some((m, i)) = captures.next() {
        let c = m.captures()[*i];
        let node = c.node;
        let at = (node.start_position().row, node.start_position().column);
        let size = node.byte_range().len();
        let name = query.capture_names()[c.index as usize].to_owned();
        let keep = innermost.get(&at).is_none_or(|(s, _)| size <= *s);
        if keep && node.child_count() == 0 {
            innermost.insert(at, (size, name));
        }
    }
    let probes: Vec<String> = innermost.keys().map(|(r, c)| format!("{r}:{c}")).collect();
    assert!(probes.len() > 200, "only {} probes", probes.len());
    std::fs::write(dir.join("probes.txt"), probes.join("\n")).unwrap();
    let out = dir.join("captures.txt");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u"])
        .arg(root.join("tests/interop/neovim-treesitter.lua"))
        .env("BOUT_TS_LIB", &lib)
        .env("BOUT_SCRIPT", &script)
        .env(
            "BOUT_QUERY",
            root.join("grammar/tree-sitter-bout/queries/highlights.scm"),
        )
        .env("BOUT_PROBES", dir.join("probes.txt"))
        .env("BOUT_OUT", &out)
        .status()
        .expect("nvim runs (tests/run.sh installs it)");
    assert!(status.success());
    let seen = std::fs::read_to_string(&out).unwrap();
    assert!(!seen.contains("error"), "{seen}");
    let mut differ = Vec::new();
    for (line, ((r, c), (_, want))) in seen.lines().zip(&innermost) {
        let got = line.split_once(' ').map_or("", |(_, names)| names);
        // Neovim lists every capture holding the position; the library's
        // innermost is among them.
        if !got.split(',').any(|g| g == want) {
            differ.push(format!(
                "{}:{} library `{want}`, Neovim `{got}`",
                r + 1,
                c + 1
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} positions differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// The VS Code extension packages (`vsce package`) with its manifest, the
/// client, the grammar, the language configuration, the snippets and the
/// language client library.
#[test]
fn the_vscode_extension_packages() {
    let vscode = common::root().join("editors/vscode");
    let dir = common::scratch("vsix");
    let vsix = dir.join("bout.vsix");
    run(
        Command::new("npx")
            .args(["--no-install", "vsce", "package", "--skip-license", "--out"])
            .arg(&vsix)
            .current_dir(&vscode),
        "vsce package (npm ci in editors/vscode first, as tests/run.sh does)",
    );
    let listing = run(
        Command::new("python3")
            .args(["-m", "zipfile", "-l"])
            .arg(&vsix),
        "listing the .vsix",
    );
    for file in [
        "extension/package.json",
        "extension/extension.js",
        "extension/language-configuration.json",
        "extension/syntaxes/bout.tmLanguage.json",
        "extension/snippets/bout.json",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension.vsixmanifest",
    ] {
        assert!(
            listing.contains(file),
            "{file} is not in the package:\n{listing}"
        );
    }
    assert!(
        !listing.contains("node_modules/@vscode/vsce/"),
        "the packager is packaged"
    );
}

/// The TextMate grammar's scopes over every example match the committed
/// snapshots (`vscode-tmgrammar-snap`; `-u` in editors/vscode to accept).
#[test]
fn textmate_scopes_match_their_snapshots() {
    let vscode = common::root().join("editors/vscode");
    let cases = vscode.join("test/cases");
    for example in common::examples() {
        let name = example.file_name().unwrap();
        std::fs::copy(&example, cases.join(name)).unwrap();
        let snap = cases.join(format!("{}.snap", name.to_string_lossy()));
        assert!(
            snap.is_file(),
            "no snapshot for {}: run `npx vscode-tmgrammar-snap -u \"test/cases/*.bout\"` in editors/vscode",
            name.to_string_lossy()
        );
    }
    run(
        Command::new("npx")
            .args(["--no-install", "vscode-tmgrammar-snap", "test/cases/*.bout"])
            .current_dir(&vscode),
        "vscode-tmgrammar-snap",
    );
}

/// The corpus tests name every named node type of the grammar.
#[test]
fn the_tree_sitter_corpus_covers_every_named_node() {
    let grammar = common::root().join("grammar/tree-sitter-bout");
    let types: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(grammar.join("src/node-types.json")).unwrap(),
    )
    .unwrap();
    let mut corpus = String::new();
    for entry in std::fs::read_dir(grammar.join("test/corpus"))
        .unwrap()
        .flatten()
    {
        corpus.push_str(&std::fs::read_to_string(entry.path()).unwrap());
    }
    let missing: Vec<&str> = types
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["named"] == true)
        .filter_map(|t| t["type"].as_str())
        .filter(|t| !corpus.contains(&format!("({t}\n")) && !corpus.contains(&format!("({t})")))
        .collect();
    assert!(missing.is_empty(), "no corpus test shows {missing:?}");
}
