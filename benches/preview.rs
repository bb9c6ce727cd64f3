//! `bout preview` as a writer sees it: a ~120-page screenplay open in
//! Chromium (headless, through Playwright: `tests/interop/preview-latency.js`),
//! saved 40 times with a small edit each time; the time from each write to
//! the updated page painted (the page's `requestAnimationFrame` after it
//! applied the update). Prints the distribution.
//!
//! `cargo bench --bench preview` (needs Chromium and the interop node
//! modules that `tests/run.sh` installs; `BOUT_PREVIEW_RUNS=N`).

use std::process::Command;
use std::sync::mpsc;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::env::temp_dir().join(format!("bout-preview-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("long.bout");
    let script = bout::generate::screenplay(120, 12, 7);
    std::fs::write(&file, &script).unwrap();
    // The server's share: one update (read, check, render the three panes,
    // JSON), warm.
    let mut renderer =
        bout::preview::render::Renderer::new(file.clone(), bout::preview::Settings::default());
    let mut times: Vec<std::time::Duration> = (0..15)
        .map(|_| {
            let started = std::time::Instant::now();
            let json = renderer.update();
            let _ = json.delta.len();
            let took = started.elapsed();
            drop(json);
            took
        })
        .collect();
    times.sort();
    let last = renderer.update();
    println!(
        "server side: one update {:.1} ms median ({} KB of JSON whole, {} KB as the delta of a save)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        last.whole.len() / 1000,
        last.delta.len() / 1000
    );
    let (tx, rx) = mpsc::channel();
    let options = bout::preview::Options {
        file: file.clone(),
        port: None,
        settings: bout::preview::Settings::default(),
        editor: None,
    };
    std::thread::spawn(move || {
        bout::preview::run(options, move |address| {
            let _ = tx.send(address);
        })
        .expect("the preview serves");
    });
    let address = rx.recv().expect("the preview listens");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg(root.join("tests/interop/preview-latency.js"))
        .env("BOUT_URL", format!("http://{address}/"))
        .env("BOUT_FILE", &file)
        .env(
            "BOUT_RUNS",
            std::env::var("BOUT_PREVIEW_RUNS").unwrap_or_else(|_| "40".into()),
        )
        .current_dir(root.join("tests/interop"))
        .output()
        .expect("node runs");
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        std::process::exit(1);
    }
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    println!(
        "bout preview, {} KB script, {} pages, {} saves: write → painted median {} ms, p95 {} ms, max {} ms",
        script.len() / 1000,
        result["pages"],
        result["runs"],
        result["median"],
        result["p95"],
        result["max"]
    );
    println!("all (ms): {}", result["times"]);
    let _ = std::fs::remove_dir_all(&dir);
    std::process::exit(0);
}
