//! `bout lsp`: a language server over stdio that knows the fight.
//!
//! The server is one loop over the client's messages (`lsp-server`:
//! synchronous, notifications in order). Every message waiting when the
//! loop wakes is taken as one batch: edits to a document are applied in
//! order and the document is checked once, after the batch or before the
//! first request that reads it; a request cancelled within its batch is
//! answered as cancelled without being run. Each handler runs under
//! `catch_unwind`, so a bug answers one request with an error instead of
//! ending the session.
//!
//! The features are one module each, as plain functions over a checked
//! document ([`Ctx`]): [`hover`], [`navigate`] (definition, references,
//! rename), [`outline`] (symbols, folding), [`tokens`] (semantic tokens),
//! [`hints`] (inlay hints), [`complete`], [`actions`] (quick fixes), and
//! formatting through `crate::fmt`. [`story`] reads, from the model, where
//! the story stands at every event; [`position`] converts offsets.
//!
//! Layering: this module sits beside the CLI and reads every layer below
//! (syntax, names, model, lints through `crate::check`); nothing below
//! knows it exists.

mod actions;
mod complete;
mod diagnostics;
mod hints;
mod hover;
mod navigate;
mod outline;
pub mod position;
mod story;
mod tokens;
pub mod transport;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use lsp_server::ErrorCode;
/// The protocol's messages and a connection, as `lsp-server` defines them:
/// what a client of [`serve`] (a test, the fuzz target) sends and reads.
pub use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    InitializeParams, PublishDiagnosticsParams, TextDocumentContentChangeEvent, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::check::Checked;
use crate::config::{self, Config};
use crate::syntax::lines::LineIndex;

/// Runs the server on stdin and stdout until the client exits or goes
/// away. An error is only a failure to write to the client.
pub fn run_stdio() -> std::io::Result<()> {
    let (connection, threads) = transport::stdio();
    serve(&connection);
    drop(connection);
    threads.join()
}

/// Serves one client on `connection` until `exit` or until the client's
/// side of the connection closes.
pub fn serve(connection: &Connection) {
    let mut server = Server {
        connection,
        documents: HashMap::new(),
        state: Lifecycle::Uninitialized,
        options: Options::default(),
        configs: HashMap::new(),
        retired: Vec::new(),
    };
    server.run();
}

/// Whether the loop goes on after a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Exit,
}

/// Where the session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lifecycle {
    /// Before `initialize`: requests are refused.
    Uninitialized,
    /// Serving.
    Running,
    /// After `shutdown`: requests are refused until `exit`.
    ShutDown,
}

/// The client's settings (`initializationOptions`, and
/// `workspace/didChangeConfiguration` under `bout`).
#[derive(Clone, Debug)]
struct Options {
    /// Whether inlay hints are shown.
    inlay_hints: bool,
    /// Where the rule catalogue is, for each diagnostic's link.
    rules_url: Option<String>,
    /// Whether the client takes snippets in completion items (its
    /// capability; a client without it gets none, rather than a snippet's
    /// text as a word).
    snippets: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            inlay_hints: true,
            rules_url: diagnostics::default_rules_url(),
            snippets: false,
        }
    }
}

impl Options {
    /// Reads what `value` sets, leaving the rest as they are.
    fn update(&mut self, value: &Value) {
        let value = value.get("bout").unwrap_or(value);
        if let Some(on) = value.get("inlayHints").and_then(Value::as_bool) {
            self.inlay_hints = on;
        }
        if let Some(url) = value.get("rulesUrl").and_then(Value::as_str) {
            self.rules_url = Some(url.to_owned());
        }
    }
}

/// A `bout.toml` as last read, with what identifies that reading.
#[derive(Debug)]
struct CachedConfig {
    /// Its modification time and size when read.
    stamp: Option<(std::time::SystemTime, u64)>,
    /// What it sets (the defaults when it could not be read).
    config: Config,
}

struct Server<'c> {
    connection: &'c Connection,
    documents: HashMap<String, Document>,
    state: Lifecycle,
    options: Options,
    /// `bout.toml` files by path.
    configs: HashMap<PathBuf, CachedConfig>,
    /// What checks replaced by edits in this batch leave behind (their tree
    /// goes on into the next check), freed after it.
    retired: Vec<OnceCell<story::Story>>,
}

/// An open document.
#[derive(Debug)]
pub struct Document {
    /// Its URI, as the client sent it.
    pub uri: Uri,
    /// Its path, for a `file:` URI.
    pub path: Option<PathBuf>,
    /// Its text.
    pub text: String,
    /// The client's version of the text.
    pub version: i32,
    /// The check of this version of the text; `None` until it is checked.
    analysis: Option<Analysis>,
    /// The last checked text and its check, while the text has changed
    /// since: the next check parses again only the block the edits are in
    /// (`check::recheck`).
    previous: Option<(String, Checked)>,
}

/// One version of a document, checked.
#[derive(Debug)]
struct Analysis {
    checked: Checked,
    story: OnceCell<story::Story>,
}

/// What a feature reads: one checked document.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its text.
    pub text: &'a str,
    /// The check of that text.
    pub checked: &'a Checked,
    /// Its lines.
    pub index: LineIndex<'a>,
    story: &'a OnceCell<story::Story>,
    options: &'a Options,
}

impl Ctx<'_> {
    /// Where the story stands at every event, read on first use.
    fn story(&self) -> &story::Story {
        self.story.get_or_init(|| story::read(self.checked))
    }

    /// The protocol range of `span`.
    fn range(&self, span: crate::span::Span) -> lsp_types::Range {
        position::range(&self.index, span)
    }

    /// The byte offset of protocol `position`.
    fn offset(&self, position: lsp_types::Position) -> usize {
        position::offset(&self.index, self.text, position)
    }
}

/// A request's failure, as a JSON-RPC error.
#[derive(Debug)]
pub struct Failure {
    code: i32,
    message: String,
}

impl Failure {
    /// The request was well formed but cannot be done (a clashing rename).
    pub fn refused(message: impl Into<String>) -> Failure {
        Failure {
            code: ErrorCode::RequestFailed as i32,
            message: message.into(),
        }
    }
}

impl Server<'_> {
    fn run(&mut self) {
        while let Ok(first) = self.connection.receiver.recv() {
            let mut batch = vec![first];
            batch.extend(self.connection.receiver.try_iter());
            if self.batch(batch) == Flow::Exit {
                return;
            }
        }
    }

    /// Handles every message waiting at once, then checks what changed.
    fn batch(&mut self, batch: Vec<Message>) -> Flow {
        let cancelled: HashSet<RequestId> = batch
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == "$/cancelRequest" => n
                    .params
                    .get("id")
                    .and_then(|id| serde_json::from_value(id.clone()).ok()),
                _ => None,
            })
            .collect();
        for message in batch {
            match message {
                Message::Request(request) if cancelled.contains(&request.id) => {
                    self.error(request.id, ErrorCode::RequestCanceled as i32, "cancelled");
                }
                Message::Request(request) => self.request(request),
                Message::Notification(n) if n.method == "exit" => return Flow::Exit,
                Message::Notification(notification) => self.notification(notification),
                // The server sends no requests, so expects no responses.
                Message::Response(_) => {}
            }
        }
        self.check_pending();
        // The checks this batch replaced are freed now that the new ones
        // are published: off the path from an edit to its diagnostics, and
        // on this thread, so the next check reuses their memory warm.
        self.retired.clear();
        Flow::Continue
    }

    fn send(&self, message: impl Into<Message>) {
        // A closed connection ends the loop at its next `recv`.
        let _ = self.connection.sender.send(message.into());
    }

    fn error(&self, id: RequestId, code: i32, message: &str) {
        self.send(Response::new_err(id, code, message.to_owned()));
    }

    fn request(&mut self, request: Request) {
        match (self.state, request.method.as_str()) {
            (Lifecycle::Uninitialized, "initialize") => {
                let params: InitializeParams = match serde_json::from_value(request.params.clone())
                {
                    Ok(params) => params,
                    Err(error) => {
                        let message = format!("bad initialize parameters: {error}");
                        return self.error(request.id, ErrorCode::InvalidParams as i32, &message);
                    }
                };
                if let Some(options) = &params.initialization_options {
                    self.options.update(options);
                }
                self.options.snippets = params
                    .capabilities
                    .text_document
                    .as_ref()
                    .and_then(|t| t.completion.as_ref())
                    .and_then(|c| c.completion_item.as_ref())
                    .and_then(|i| i.snippet_support)
                    .unwrap_or(false);
                self.state = Lifecycle::Running;
                self.send(Response::new_ok(request.id, initialize_result()));
            }
            (Lifecycle::Uninitialized, _) => self.error(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized",
            ),
            (Lifecycle::Running, "shutdown") => {
                self.state = Lifecycle::ShutDown;
                self.send(Response::new_ok(request.id, ()));
            }
            (Lifecycle::Running, "initialize") => self.error(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized",
            ),
            (Lifecycle::Running, _) => self.dispatch(request),
            (Lifecycle::ShutDown, _) => self.error(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shut down",
            ),
        }
    }

    /// Answers a request on a document.
    fn dispatch(&mut self, request: Request) {
        let Request { id, method, params } = request;
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(&method, params)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(failure)) => Response::new_err(id, failure.code, failure.message),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                transport::log(&format!("{method} panicked: {what}"));
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    format!("bout lsp: {method} failed (a bug; please report it)"),
                )
            }
        };
        self.send(response);
    }

    fn answer(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        use lsp_types::request::*;
        fn to<T: serde::Serialize>(value: T) -> Result<Value, Failure> {
            Ok(serde_json::to_value(value).unwrap_or(Value::Null))
        }
        macro_rules! on_document {
            ($params:ty, $handler:expr) => {{
                let uri = document_uri(&params);
                let params: $params = parse(params)?;
                let Some(result) = self.with(&uri, |ctx| $handler(ctx, params)) else {
                    return Ok(Value::Null);
                };
                to(result?)
            }};
        }
        match method {
            HoverRequest::METHOD => on_document!(lsp_types::HoverParams, hover::hover),
            GotoDefinition::METHOD => {
                on_document!(lsp_types::GotoDefinitionParams, navigate::definition)
            }
            References::METHOD => on_document!(lsp_types::ReferenceParams, navigate::references),
            PrepareRenameRequest::METHOD => {
                on_document!(
                    lsp_types::TextDocumentPositionParams,
                    navigate::prepare_rename
                )
            }
            Rename::METHOD => on_document!(lsp_types::RenameParams, navigate::rename),
            DocumentSymbolRequest::METHOD => {
                on_document!(lsp_types::DocumentSymbolParams, outline::symbols)
            }
            FoldingRangeRequest::METHOD => {
                on_document!(lsp_types::FoldingRangeParams, outline::folding)
            }
            SemanticTokensFullRequest::METHOD => {
                on_document!(lsp_types::SemanticTokensParams, tokens::full)
            }
            SemanticTokensRangeRequest::METHOD => {
                on_document!(lsp_types::SemanticTokensRangeParams, tokens::range)
            }
            Formatting::METHOD => on_document!(lsp_types::DocumentFormattingParams, format),
            InlayHintRequest::METHOD => on_document!(lsp_types::InlayHintParams, hints::hints),
            Completion::METHOD => on_document!(lsp_types::CompletionParams, complete::complete),
            CodeActionRequest::METHOD => {
                on_document!(lsp_types::CodeActionParams, actions::actions)
            }
            _ => Err(Failure {
                code: ErrorCode::MethodNotFound as i32,
                message: format!("unknown method `{method}`"),
            }),
        }
    }

    /// Runs `f` on the checked document `uri`; `None` when it is not open.
    fn with<T>(&mut self, uri: &Uri, f: impl FnOnce(&Ctx<'_>) -> T) -> Option<T> {
        self.ensure_checked(uri.as_str());
        let doc = self.documents.get(uri.as_str())?;
        let analysis = doc.analysis.as_ref()?;
        let ctx = Ctx {
            doc,
            text: &doc.text,
            checked: &analysis.checked,
            index: LineIndex::new(&doc.text),
            story: &analysis.story,
            options: &self.options,
        };
        Some(f(&ctx))
    }

    fn notification(&mut self, notification: Notification) {
        use lsp_types::notification::*;
        let lsp_server::Notification { method, params } = notification;
        if self.state != Lifecycle::Running {
            return;
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| match method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<DidOpenTextDocumentParams>(params) {
                    let path = uri_to_path(&p.text_document.uri);
                    self.documents.insert(
                        p.text_document.uri.as_str().to_owned(),
                        Document {
                            uri: p.text_document.uri,
                            path,
                            text: p.text_document.text,
                            version: p.text_document.version,
                            analysis: None,
                            previous: None,
                        },
                    );
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<DidChangeTextDocumentParams>(params)
                    && let Some(doc) = self.documents.get_mut(p.text_document.uri.as_str())
                {
                    // Each change makes a new text; the one before the
                    // first is kept while its check is (`check::recheck`
                    // reads both), moved, not copied.
                    let mut text = std::mem::take(&mut doc.text);
                    let mut before = None;
                    for change in p.content_changes {
                        let next = apply(&text, change);
                        let old = std::mem::replace(&mut text, next);
                        before.get_or_insert(old);
                    }
                    let before = before.unwrap_or_else(|| text.clone());
                    doc.text = text;
                    doc.version = p.text_document.version;
                    if let Some(Analysis { checked, story }) = doc.analysis.take() {
                        doc.previous = Some((before, checked));
                        self.retired.push(story);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<DidCloseTextDocumentParams>(params)
                    && let Some(doc) = self.documents.remove(p.text_document.uri.as_str())
                {
                    // Closed: its diagnostics go with it.
                    self.publish_raw(doc.uri, Vec::new(), None);
                }
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                // A `bout.toml` may have changed: every document is checked
                // again (the configs are re-read when their stamp moved).
                for doc in self.documents.values_mut() {
                    doc.analysis = None;
                }
            }
            DidChangeConfiguration::METHOD => {
                if let Some(settings) = params.get("settings") {
                    self.options.update(settings);
                }
                for doc in self.documents.values_mut() {
                    doc.analysis = None;
                }
            }
            _ => {}
        }));
        if outcome.is_err() {
            transport::log(&format!("{method} panicked"));
        }
    }

    /// Checks every document changed since its last check and publishes.
    fn check_pending(&mut self) {
        let pending: Vec<String> = self
            .documents
            .iter()
            .filter(|(_, d)| d.analysis.is_none())
            .map(|(k, _)| k.clone())
            .collect();
        for uri in pending {
            self.ensure_checked(&uri);
        }
    }

    /// Checks document `uri` if it changed since its last check, and
    /// publishes its diagnostics.
    fn ensure_checked(&mut self, uri: &str) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        if doc.analysis.is_some() {
            return;
        }
        let path = doc.path.clone();
        let config = path
            .as_deref()
            .map(|p| self.config_for(p))
            .unwrap_or_default();
        let doc = self.documents.get_mut(uri).expect("looked up above");
        let previous = doc.previous.take();
        let checked = catch_unwind(AssertUnwindSafe(|| match previous {
            Some((old_text, old)) => crate::check::recheck(old, &old_text, &doc.text, &config),
            None => crate::check::check_for_edits(&doc.text, &config),
        }));
        let checked = match checked {
            Ok(checked) => checked,
            Err(_) => {
                transport::log(&format!("checking {uri} panicked"));
                // An empty check keeps the document usable.
                crate::check::check_with("", &config)
            }
        };
        doc.analysis = Some(Analysis {
            checked,
            story: OnceCell::new(),
        });
        let doc = &self.documents[uri];
        let analysis = doc.analysis.as_ref().expect("just set");
        let index = LineIndex::new(&doc.text);
        let diagnostics = analysis
            .checked
            .diagnostics
            .iter()
            .map(|d| diagnostics::to_lsp(d, &index, &doc.uri, self.options.rules_url.as_deref()))
            .collect();
        self.publish_raw(doc.uri.clone(), diagnostics, Some(doc.version));
    }

    fn publish_raw(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        use lsp_types::notification::{Notification as _, PublishDiagnostics};
        self.send(Notification::new(
            PublishDiagnostics::METHOD.to_owned(),
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        ));
    }

    /// The levels in force for the script at `path`: its `bout.toml`, read
    /// again when it changed since last read. Mistakes in the `bout.toml`
    /// are published on it.
    fn config_for(&mut self, path: &Path) -> Config {
        let Some(config_path) = config::find(path) else {
            return Config::default();
        };
        let stamp = std::fs::metadata(&config_path)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        if let Some(cached) = self.configs.get(&config_path)
            && cached.stamp == stamp
            && stamp.is_some()
        {
            return cached.config.clone();
        }
        let (config, published) = match config::load(&config_path) {
            Ok(file) => {
                let index = LineIndex::new(&file.source);
                let uri = path_to_uri(&file.path);
                let list = uri.as_ref().map(|uri| {
                    file.diagnostics
                        .iter()
                        .map(|d| {
                            diagnostics::to_lsp(d, &index, uri, self.options.rules_url.as_deref())
                        })
                        .collect::<Vec<_>>()
                });
                (file.config, uri.zip(list))
            }
            Err(error) => {
                transport::log(&error.message(&config_path.display().to_string()));
                (Config::default(), None)
            }
        };
        if let Some((uri, list)) = published {
            self.publish_raw(uri, list, None);
        }
        self.configs.insert(
            config_path,
            CachedConfig {
                stamp,
                config: config.clone(),
            },
        );
        config
    }
}

/// The server's capabilities.
fn initialize_result() -> lsp_types::InitializeResult {
    use lsp_types::*;
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: tokens::legend(),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    range: Some(true),
                    ..Default::default()
                }),
            ),
            document_formatting_provider: Some(OneOf::Left(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some([" ", "#", "(", ",", ">"].map(str::to_owned).to_vec()),
                ..Default::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            })),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "bout".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

/// Parameters of type `T`, or an "invalid parameters" failure.
fn parse<T: DeserializeOwned>(params: Value) -> Result<T, Failure> {
    serde_json::from_value(params).map_err(|error| Failure {
        code: ErrorCode::InvalidParams as i32,
        message: format!("invalid parameters: {error}"),
    })
}

/// The document a request's parameters name.
fn document_uri(params: &Value) -> Uri {
    // Every request here carries `textDocument.uri`; it is read from the
    // raw parameters, before they are parsed, for one dispatch over every
    // parameter type.
    params
        .pointer("/textDocument/uri")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| "untitled:unknown".parse().expect("a valid URI"))
}

/// `text` with one change applied: a range replaced, or the whole text.
/// A new string of the exact length (growing the old one in place would
/// double its capacity: a second copy of a long script, held for good).
fn apply(text: &str, change: TextDocumentContentChangeEvent) -> String {
    match change.range {
        Some(range) => {
            let index = LineIndex::new(text);
            let span = position::span(&index, text, range);
            let mut next = String::with_capacity(text.len() - span.len() + change.text.len());
            next.push_str(&text[..span.start as usize]);
            next.push_str(&change.text);
            next.push_str(&text[span.end as usize..]);
            next
        }
        None => change.text,
    }
}

/// `textDocument/formatting`: the whole document through `bout fmt`.
fn format(
    ctx: &Ctx<'_>,
    _: lsp_types::DocumentFormattingParams,
) -> Result<Option<Vec<lsp_types::TextEdit>>, Failure> {
    match crate::fmt::format(ctx.text) {
        // The client applies one edit over the whole text; a file already
        // formatted gets none.
        Ok(formatted) if formatted == ctx.text => Ok(Some(Vec::new())),
        Ok(formatted) => Ok(Some(vec![lsp_types::TextEdit {
            range: ctx.range(crate::span::Span::new(0, ctx.text.len())),
            new_text: formatted,
        }])),
        // A file with syntax errors is not formatted: its diagnostics
        // already say why.
        Err(_) => Ok(None),
    }
}

/// The path of a `file:` URI, percent-decoded.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(out).ok().map(PathBuf::from)
    }
}

/// The `file:` URI of `path`, percent-encoded.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let path = path.to_str()?;
    let mut uri = String::from("file://");
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_cancelled_in_its_batch_is_not_run() {
        let (server_side, client) = Connection::memory();
        let mut server = Server {
            connection: &server_side,
            documents: HashMap::new(),
            state: Lifecycle::Running,
            options: Options::default(),
            configs: HashMap::new(),
            retired: Vec::new(),
        };
        let hover = Request::new(
            RequestId::from(7),
            "textDocument/hover".into(),
            serde_json::json!({}),
        );
        let cancel = Notification::new("$/cancelRequest".into(), serde_json::json!({ "id": 7 }));
        let other = Request::new(
            RequestId::from(8),
            "textDocument/hover".into(),
            serde_json::json!({}),
        );
        assert_eq!(
            server.batch(vec![hover.into(), cancel.into(), other.into()]),
            Flow::Continue
        );
        let answers: Vec<Response> = client
            .receiver
            .try_iter()
            .filter_map(|m| match m {
                Message::Response(r) => Some(r),
                _ => None,
            })
            .collect();
        assert_eq!(answers.len(), 2);
        assert_eq!(
            answers[0].error.as_ref().unwrap().code,
            ErrorCode::RequestCanceled as i32
        );
        // The other request ran (and failed on its parameters).
        assert_eq!(
            answers[1].error.as_ref().unwrap().code,
            ErrorCode::InvalidParams as i32
        );
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/a fight/Round 1 ✓.bout");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/a%20fight/Round%201%20%E2%9C%93.bout"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        assert_eq!(uri_to_path(&"untitled:Untitled-1".parse().unwrap()), None);
    }

    #[test]
    fn edits_apply_in_utf16() {
        let text = apply(
            "ROCKY \u{1F94A} jab\n",
            TextDocumentContentChangeEvent {
                range: Some(lsp_types::Range::new(
                    lsp_types::Position::new(0, 9),
                    lsp_types::Position::new(0, 12),
                )),
                range_length: None,
                text: "hook".to_owned(),
            },
        );
        assert_eq!(text, "ROCKY \u{1F94A} hook\n");
    }
}
