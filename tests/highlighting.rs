//! Highlighting agrees across the three mechanisms editors use: for every
//! token of every example, the VS Code extension's TextMate scope
//! (tokenized by vscode-textmate, as VS Code does), the tree-sitter
//! grammar's highlight capture and the language server's semantic-token
//! type fall in the same class (keyword, cast id, technique, value, label,
//! number, string, comment, operator). `tests/run.sh` installs the
//! extension's node modules (`npm ci` in `editors/vscode`).

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use bout::lsp::{Connection, Message, Notification, Request, RequestId};
use bout::syntax::lexer::{self, TokenKind};
use bout::syntax::lines::LineIndex;
use serde_json::{Value, json};

/// The classes every mechanism is mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Keyword,
    Cast,
    Technique,
    Value,
    Label,
    Number,
    Text,
    Comment,
    Operator,
}

fn textmate_class(scopes: &[Value]) -> Option<Class> {
    // The innermost scope that says what the token is; a comment is a
    // comment whatever is inside it.
    let scopes: Vec<&str> = scopes.iter().filter_map(Value::as_str).collect();
    if scopes.iter().any(|s| s.starts_with("comment.")) {
        return Some(Class::Comment);
    }
    scopes.iter().rev().find_map(|s| {
        Some(match *s {
            s if s.starts_with("keyword.operator") => Class::Operator,
            s if s.starts_with("keyword.") => Class::Keyword,
            s if s.starts_with("variable.other.cast") => Class::Cast,
            s if s.starts_with("entity.name.function") => Class::Technique,
            s if s.starts_with("entity.name.label") => Class::Label,
            s if s.starts_with("constant.numeric") => Class::Number,
            s if s.starts_with("constant.character.escape") || s.starts_with("string.") => {
                Class::Text
            }
            s if s.starts_with("constant.") => Class::Value,
            _ => return None,
        })
    })
}

fn capture_class(name: &str) -> Option<Class> {
    let head = name.split('.').next().unwrap_or(name);
    Some(match (head, name) {
        (_, "keyword.directive") => Class::Comment,
        ("keyword", _) => Class::Keyword,
        ("variable", _) => Class::Cast,
        ("function", _) => Class::Technique,
        ("constant" | "type", _) => Class::Value,
        ("label", _) => Class::Label,
        ("number", _) => Class::Number,
        ("string", _) => Class::Text,
        ("comment", _) => Class::Comment,
        ("operator", _) => Class::Operator,
        _ => return None,
    })
}

fn semantic_class(index: u64) -> Option<Class> {
    // The legend of `bout lsp` (src/lsp/tokens.rs), in order.
    [
        Class::Keyword,
        Class::Cast,
        Class::Technique,
        Class::Value,
        Class::Text,
        Class::Number,
        Class::Label,
        Class::Operator,
        Class::Comment,
    ]
    .get(index as usize)
    .copied()
}

/// The semantic tokens of `text` from `bout lsp`, in process: by (line,
/// UTF-16 column), the class.
fn semantic(text: &str) -> BTreeMap<(u32, u32), Class> {
    let (server, client) = Connection::memory();
    let handle = std::thread::spawn(move || bout::lsp::serve(&server));
    let request = |id: i32, method: &str, params: Value| -> Value {
        client
            .sender
            .send(Request::new(RequestId::from(id), method.into(), params).into())
            .unwrap();
        loop {
            if let Message::Response(r) = client.receiver.recv().unwrap() {
                return r.result.unwrap_or(Value::Null);
            }
        }
    };
    request(1, "initialize", json!({ "capabilities": {} }));
    let uri = "file:///highlighting/test.bout";
    client
        .sender
        .send(
            Notification::new(
                "textDocument/didOpen".into(),
                json!({ "textDocument": { "uri": uri, "languageId": "bout", "version": 1, "text": text } }),
            )
            .into(),
        )
        .unwrap();
    let result = request(
        2,
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    request(3, "shutdown", Value::Null);
    client
        .sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .unwrap();
    handle.join().unwrap();
    let data: Vec<u64> = result["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let (mut line, mut col) = (0u32, 0u32);
    let mut out = BTreeMap::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0] as u32;
            col = 0;
        }
        col += t[1] as u32;
        if let Some(class) = semantic_class(t[3]) {
            for c in col..col + t[2] as u32 {
                out.insert((line, c), class);
            }
        }
    }
    out
}

/// Tree-sitter's highlight captures of `text`: by byte, the class of the
/// innermost capture there.
fn captures(text: &str) -> Vec<Option<Class>> {
    use tree_sitter::StreamingIterator;
    let language: tree_sitter::Language = tree_sitter_bout::LANGUAGE.into();
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language).unwrap();
    let tree = parser.parse(text, None).unwrap();
    let query = tree_sitter::Query::new(&language, tree_sitter_bout::HIGHLIGHTS_QUERY).unwrap();
    let mut cursor = tree_sitter::QueryCursor::new();
    let mut by_byte: Vec<(usize, Option<Class>)> = vec![(usize::MAX, None); text.len() + 1];
    let mut matches = cursor.captures(&query, tree.root_node(), text.as_bytes());
    while let Some((m, i)) = matches.next() {
        let capture = m.captures()[*i];
        let name = query.capture_names()[capture.index as usize];
        let range = capture.node.byte_range();
        let size = range.len();
        for b in range {
            // The innermost (smallest) capture wins; among equals, the last.
            if size <= by_byte[b].0 {
                by_byte[b] = (size, capture_class(name));
            }
        }
    }
    by_byte.into_iter().map(|(_, c)| c).collect()
}

#[test]
fn textmate_tree_sitter_and_semantic_tokens_agree_on_every_example() {
    let examples = common::examples();
    let vscode = common::root().join("editors/vscode");
    let output = Command::new("node")
        .arg(vscode.join("test/tokenize.js"))
        .args(&examples)
        .current_dir(&vscode)
        .output()
        .expect("node runs (tests/run.sh installs it)");
    assert!(
        output.status.success(),
        "the TextMate tokenizer failed (run `npm ci` in editors/vscode, as tests/run.sh does): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let textmate: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for (path, tm) in examples.iter().zip(&textmate) {
        let text = std::fs::read_to_string(path).unwrap();
        let index = LineIndex::new(&text);
        let lsp = semantic(&text);
        let ts = captures(&text);
        let lexed = lexer::lex(&text);
        let mut starts: Vec<usize> = lexed
            .tokens
            .iter()
            .filter(|t| {
                !matches!(
                    t.kind,
                    TokenKind::Newline
                        | TokenKind::Eof
                        | TokenKind::LBrace
                        | TokenKind::RBrace
                        | TokenKind::Colon
                        | TokenKind::Semi
                        | TokenKind::Bad(_)
                )
            })
            .map(|t| t.span.start as usize)
            .collect();
        starts.extend(lexed.comments.iter().map(|c| c.span.start as usize));
        starts.sort();
        let name = common::stem(path);
        for start in starts {
            let p = index.locate(start);
            let (line, col) = ((p.line - 1) as u32, p.utf16 as u32);
            let tm_class = tm["lines"][line as usize]
                .as_array()
                .and_then(|tokens| {
                    tokens.iter().find(|t| {
                        t["start"].as_u64().unwrap() as u32 <= col
                            && col < t["end"].as_u64().unwrap() as u32
                    })
                })
                .and_then(|t| textmate_class(t["scopes"].as_array().unwrap()));
            let ts_class = ts[start];
            let lsp_class = lsp.get(&(line, col)).copied();
            compared += 1;
            if !(tm_class == ts_class && ts_class == lsp_class) {
                let end = text[start..]
                    .find(|c: char| c.is_whitespace())
                    .map_or(text.len(), |i| start + i);
                disagreements.push(format!(
                    "{name}:{}:{} `{}`: TextMate {tm_class:?}, tree-sitter {ts_class:?}, LSP {lsp_class:?}",
                    p.line,
                    p.column,
                    &text[start..end.min(start + 30)]
                ));
            }
        }
    }
    assert!(compared > 1000, "only {compared} tokens compared");
    assert!(
        disagreements.is_empty(),
        "{} of {compared} tokens disagree:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
