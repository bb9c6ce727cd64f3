//! `bout preview`: the screenplay, the timeline, the stats and the
//! diagnostics of one script, live in the browser as it is saved.
//!
//! A small HTTP server (axum on tokio) on 127.0.0.1 serves one page
//! ([`page`]) and a stream of updates (server-sent events). A watcher
//! (`notify`, debounced) on the script's directory and on the `bout.toml`
//! that applies re-checks the script on every save; the update (every
//! pane, as JSON) goes to every open page, which swaps it in place.
//!
//! Invariants:
//! - The server binds to loopback only, and answers only requests whose
//!   `Host` is that loopback address and port (no DNS rebinding); it serves
//!   the page, the update stream and the current update, and never a file.
//! - With errors, an update keeps the last good screenplay, timeline and
//!   stats (marked stale) beside the new diagnostics: the preview never
//!   goes blank mid-edit. An unreadable or deleted file is a message in the
//!   page.
//! - Every piece of script text reaches the page as JSON string data, set
//!   as text or as the exporters' own escaped markup; none is ever parsed
//!   as the page's HTML.
//!
//! Layering: beside the CLI and the language server, reading the check,
//! the model and the exporters.

mod page;
pub mod render;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

pub use render::Settings;

/// What `bout preview` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The script.
    pub file: PathBuf,
    /// The port; a free one when `None`.
    pub port: Option<u16>,
    /// How the screenplay is rendered.
    pub settings: Settings,
    /// `--editor CMD`: run `CMD FILE:LINE` when a line is clicked.
    pub editor: Option<String>,
}

/// The state every request shares.
struct Shared {
    /// The current update, whole, as the JSON the page reads first.
    current: Mutex<Arc<String>>,
    /// New updates as deltas, to every open page.
    updates: broadcast::Sender<Arc<String>>,
    /// The `Host` values accepted: `127.0.0.1:PORT` and `localhost:PORT`.
    hosts: [String; 2],
    options: Options,
}

/// Runs the preview until Ctrl-C (or SIGTERM). `ready` is told the address
/// once the server listens. Errors are the listener's (a port in use).
pub fn run(options: Options, ready: impl FnOnce(SocketAddr) + Send) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(serve(options, ready))
}

async fn serve(options: Options, ready: impl FnOnce(SocketAddr) + Send) -> std::io::Result<()> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port.unwrap_or(0)));
    let listener = tokio::net::TcpListener::bind(address).await?;
    let address = listener.local_addr()?;
    let mut renderer = render::Renderer::new(options.file.clone(), options.settings);
    let first = Arc::new(renderer.update().whole);
    let (updates, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        current: Mutex::new(first),
        updates,
        hosts: [
            format!("127.0.0.1:{}", address.port()),
            format!("localhost:{}", address.port()),
        ],
        options,
    });
    let watcher = watch(shared.clone(), renderer);
    let app = Router::new()
        .route("/", get(index))
        .route("/update", get(current))
        .route("/events", get(events))
        .route("/open", post(open))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared.clone());
    ready(address);
    // On Ctrl-C or SIGTERM the server stops taking requests and closes its
    // connections; an open page keeps its event stream open for ever, so
    // after half a second the rest are dropped.
    let serve = axum::serve(listener, app).with_graceful_shutdown(stop_signal());
    let result = tokio::select! {
        result = serve => result,
        () = async {
            stop_signal().await;
            tokio::time::sleep(Duration::from_millis(500)).await;
        } => Ok(()),
    };
    drop(watcher);
    result
}

/// Ctrl-C or SIGTERM.
async fn stop_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Refuses any request whose `Host` is not this server's own address.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !shared.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "bout preview answers only on its own loopback address\n",
        )
            .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // The page runs its own inline script only; nothing it shows may load
    // or run anything else.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; font-src data:; img-src data:; connect-src 'self'; frame-src 'self' data:; base-uri 'none'; form-action 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
}

async fn index(State(shared): State<Arc<Shared>>) -> Response {
    let name = shared
        .options
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page::html(&name),
    )
        .into_response()
}

async fn current(State(shared): State<Arc<Shared>>) -> Response {
    let body = shared
        .current
        .lock()
        .expect("not poisoned")
        .as_str()
        .to_owned();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let stream = BroadcastStream::new(shared.updates.subscribe()).filter_map(|update| {
        // A page that fell behind skips to the next update.
        update
            .ok()
            .map(|u| Ok(Event::default().event("update").data(u.as_str())))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// `POST /open?line=N`: with `--editor`, opens the script at line N. Only
/// from the page itself (its `Origin`), never from another site.
async fn open(
    State(shared): State<Arc<Shared>>,
    axum::extract::Query(query): axum::extract::Query<OpenQuery>,
    headers: axum::http::HeaderMap,
) -> Response {
    let origin_ok = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| shared.hosts.iter().any(|h| o == format!("http://{h}")));
    if !origin_ok {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(editor) = &shared.options.editor else {
        return (StatusCode::NOT_FOUND, "no --editor given\n").into_response();
    };
    let target = format!("{}:{}", shared.options.file.display(), query.line);
    let mut words = editor.split_whitespace();
    let Some(program) = words.next() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match std::process::Command::new(program)
        .args(words)
        .arg(&target)
        .spawn()
    {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{program}: {error}\n"),
        )
            .into_response(),
    }
}

#[derive(serde::Deserialize)]
struct OpenQuery {
    line: u32,
}

/// Watches the script's directory (editors save by writing a new file and
/// renaming it over the old) and the `bout.toml` in force; on each change,
/// debounced, renders again and sends the update.
fn watch(shared: Arc<Shared>, mut renderer: render::Renderer) -> Option<impl Drop> {
    use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};
    let script = shared.options.file.clone();
    let dir = script
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let shared_for_events = shared.clone();
    let mut debouncer = new_debouncer(
        Duration::from_millis(8),
        move |events: notify_debouncer_mini::DebounceEventResult| {
            let Ok(events) = events else { return };
            let watched = renderer.watched();
            // The script, its bout.toml, or a bout.toml just created
            // beside it (which may now be the one in force).
            let relevant = events.iter().any(|e| {
                watched.iter().any(|w| same_file(&e.path, w))
                    || e.path.file_name().is_some_and(|n| n == "bout.toml")
            });
            if !relevant || !renderer.changed() {
                return;
            }
            let update = renderer.update();
            *shared_for_events.current.lock().expect("not poisoned") = Arc::new(update.whole);
            // No page open is no error.
            let _ = shared_for_events.updates.send(Arc::new(update.delta));
        },
    )
    .ok()?;
    debouncer
        .watcher()
        .watch(&dir, RecursiveMode::NonRecursive)
        .ok()?;
    // The `bout.toml` may sit in a parent directory.
    if let Some(config) = bout_config_dir(&script)
        && config != dir
    {
        let _ = debouncer
            .watcher()
            .watch(&config, RecursiveMode::NonRecursive);
    }
    Some(debouncer)
}

fn bout_config_dir(script: &std::path::Path) -> Option<PathBuf> {
    crate::config::find(script).and_then(|c| c.parent().map(PathBuf::from))
}

/// Whether `a` (a path the watcher reports, absolute) names the file `b`
/// (as given, perhaps relative): the same name in the same directory.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let dir = |p: &std::path::Path| {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        parent.canonicalize().ok()
    };
    a == b || (a.file_name() == b.file_name() && dir(a).is_some() && dir(a) == dir(b))
}
