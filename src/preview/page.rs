//! The preview's one page: four panes (screenplay, timeline, diagnostics,
//! stats), one at a time or two side by side, updated in place from the
//! server's event stream.
//!
//! Script text is only ever set as text (`textContent`) or as the
//! exporters' own escaped documents (the screenplay in a sandboxed frame
//! that runs no script, the SVG parsed as SVG), never parsed as this
//! page's HTML.

/// The page, for the script named `name`.
pub fn html(name: &str) -> String {
    PAGE.replace("{{TITLE}}", &crate::export::screenplay::html::escape(name))
}

const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · bout preview</title>
<style>
  :root { --ink: #1f2328; --muted: #6b7079; --line: #d8d4c8; --paper: #f7f5ef; --error: #b42318; --warn: #a15c07; }
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { font: 14px/1.4 system-ui, sans-serif; color: var(--ink); background: #ebe8df; display: flex; flex-direction: column; }
  header { display: flex; gap: 12px; align-items: center; padding: 6px 12px; background: #fff; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
  header h1 { font-size: 15px; margin: 0 8px 0 0; }
  nav button { font: inherit; border: 1px solid var(--line); background: var(--paper); padding: 3px 10px; border-radius: 4px; cursor: pointer; }
  nav button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
  #status { margin-left: auto; color: var(--muted); }
  #status .errors { color: var(--error); font-weight: 600; }
  #status .warnings { color: var(--warn); }
  #banner { display: none; padding: 6px 12px; background: #fdecea; color: var(--error); border-bottom: 1px solid #f5c2bd; }
  #banner.shown { display: block; }
  #where { padding: 4px 12px; color: var(--muted); font-family: ui-monospace, monospace; min-height: 1.6em; background: #fff; border-bottom: 1px solid var(--line); }
  main { flex: 1; display: grid; grid-template-columns: 1fr; min-height: 0; }
  main.split { grid-template-columns: 1fr 1fr; }
  section.pane { display: none; min-height: 0; overflow: auto; border-right: 1px solid var(--line); position: relative; }
  section.pane.shown { display: block; }
  #screenplay iframe { width: 100%; height: 100%; border: 0; background: #fff; display: block; }
  #timeline .tools { position: sticky; top: 0; left: 0; background: #fff; padding: 4px 8px; border-bottom: 1px solid var(--line); z-index: 1; }
  #timeline .tools button { font: inherit; }
  #timeline .svg svg { display: block; }
  #timeline [data-line] { cursor: pointer; }
  #diagnostics ol { list-style: none; margin: 0; padding: 8px; }
  #diagnostics li { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--warn); margin: 0 0 8px; padding: 6px 10px; cursor: pointer; border-radius: 3px; }
  #diagnostics li.error { border-left-color: var(--error); }
  #diagnostics li .head { font-weight: 600; }
  #diagnostics li .help { color: var(--muted); }
  #diagnostics pre { margin: 6px 0 0; background: var(--paper); padding: 4px 6px; overflow-x: auto; display: none; }
  #diagnostics li.open pre { display: block; }
  #diagnostics pre span { display: block; }
  #diagnostics pre .here { background: #fff3bf; }
  #diagnostics li.none { border-left-color: #2f9e44; cursor: default; }
  #stats pre { margin: 0; padding: 12px; font: 13px/1.35 ui-monospace, monospace; }
  .stale #screenplay iframe, .stale #timeline .svg, .stale #stats pre { opacity: 0.55; }
</style>
</head>
<body>
<header>
  <h1 id="name">{{TITLE}}</h1>
  <nav>
    <button data-pane="screenplay" aria-pressed="true">Screenplay</button>
    <button data-pane="timeline" aria-pressed="false">Timeline</button>
    <button data-pane="diagnostics" aria-pressed="false">Diagnostics</button>
    <button data-pane="stats" aria-pressed="false">Stats</button>
    <button id="split" aria-pressed="false" title="Show two panes side by side">Side by side</button>
  </nav>
  <span id="status">connecting…</span>
</header>
<div id="banner" role="alert"></div>
<div id="where" aria-live="polite"></div>
<main id="main">
  <section class="pane shown" id="screenplay"><iframe title="screenplay" sandbox="allow-same-origin"></iframe></section>
  <section class="pane" id="timeline"><div class="tools"><button data-zoom="1.25">+</button> <button data-zoom="0.8">−</button> <button data-zoom="0">fit</button> <span class="hint">click an event for its line</span></div><div class="svg"></div></section>
  <section class="pane" id="diagnostics"><ol></ol></section>
  <section class="pane" id="stats"><pre></pre></section>
</main>
<script>
"use strict";
const $ = (s) => document.querySelector(s);
let shown = ["screenplay"], split = false, zoom = 1, lastPanes = null, current = null;
window.boutLoadedAt = Date.now();

// Side by side, the screenplay pages are scaled to fit their pane.
function fitScreenplay() {
  const frame = $("#screenplay iframe");
  const doc = frame.contentDocument;
  const page = doc && doc.querySelector("section");
  if (!page) return;
  doc.documentElement.style.zoom = "";
  const room = $("#screenplay").clientWidth - 24;
  const width = page.offsetWidth + 48;
  doc.documentElement.style.zoom = split && width > room ? String(room / width) : "";
}
window.addEventListener("resize", fitScreenplay);

function layout() {
  setTimeout(fitScreenplay, 0);
  if (pendingTimeline !== null && shown.includes("timeline")) setTimeout(() => { if (pendingTimeline !== null) showTimeline(pendingTimeline); }, 0);
  for (const pane of document.querySelectorAll("section.pane")) pane.classList.toggle("shown", shown.includes(pane.id));
  for (const b of document.querySelectorAll("nav button[data-pane]")) b.setAttribute("aria-pressed", String(shown.includes(b.dataset.pane)));
  $("#split").setAttribute("aria-pressed", String(split));
  $("#main").classList.toggle("split", split && shown.length === 2);
}
for (const b of document.querySelectorAll("nav button[data-pane]")) {
  b.addEventListener("click", () => {
    const p = b.dataset.pane;
    if (split) { shown = [shown[shown.length - 1], p].filter((x, i, a) => a.indexOf(x) === i).slice(-2); }
    else shown = [p];
    layout();
  });
}
$("#split").addEventListener("click", () => {
  split = !split;
  if (split && shown.length === 1) shown = [shown[0], shown[0] === "screenplay" ? "timeline" : "screenplay"];
  if (!split) shown = [shown[0]];
  layout();
});

function where(line) {
  if (!current) return;
  $("#where").textContent = current.file + ":" + line;
  fetch("/open?line=" + encodeURIComponent(line), { method: "POST" }).catch(() => {});
}

function zoomTo(factor) {
  const svg = $("#timeline .svg svg");
  if (!svg) return;
  const width = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width || svg.width.baseVal.value;
  const box = $("#timeline");
  zoom = factor === 0 ? Math.max(0.1, (box.clientWidth - 16) / width) : Math.min(8, Math.max(0.1, zoom * factor));
  svg.style.width = (width * zoom) + "px";
  svg.style.height = "auto";
}
for (const b of document.querySelectorAll("#timeline [data-zoom]")) b.addEventListener("click", () => zoomTo(Number(b.dataset.zoom)));
$("#timeline .svg").addEventListener("click", (e) => {
  const hit = e.target.closest("[data-line]");
  if (hit) where(hit.getAttribute("data-line"));
});

function showScreenplay(p) {
  const frame = $("#screenplay iframe");
  const doc = frame.contentDocument;
  const sections = doc && doc.body ? doc.body.querySelectorAll(":scope > section") : [];
  if (!lastPanes || p.head !== lastPanes.head || sections.length !== lastPanes.pages.length) {
    // The whole document, keeping the scroll position.
    const win = frame.contentWindow;
    const y = win ? win.scrollY : 0, x = win ? win.scrollX : 0;
    frame.onload = () => {
      fitScreenplay();
      try { frame.contentWindow.scrollTo(x, y); } catch (_) {}
      // A click on the page names the source line of what was clicked:
      // the nearest element before it (or around it) that carries one.
      frame.contentDocument.addEventListener("click", (e) => {
        let el = e.target;
        while (el && el.nodeType === 1 && !el.hasAttribute("data-line")) {
          el = el.previousElementSibling || el.parentElement;
        }
        if (el && el.nodeType === 1 && el.hasAttribute("data-line")) where(el.getAttribute("data-line"));
      });
    };
    frame.srcdoc = p.head + p.pages.join("") + p.tail;
    return;
  }
  // Only the pages that changed, in place: no reload, no lost scroll.
  const old = lastPanes.pages;
  for (let i = 0; i < p.pages.length; i++) {
    if (old[i] === p.pages[i] && sections[i]) continue;
    const t = doc.createElement("template");
    t.innerHTML = p.pages[i];
    const page = t.content.firstElementChild;
    if (sections[i]) sections[i].replaceWith(page); else doc.body.append(page);
  }
  for (let i = p.pages.length; i < sections.length; i++) sections[i].remove();
}

let pendingTimeline = null;
function showTimeline(svgText) {
  // A hidden timeline is drawn when it is shown, not on every save.
  if (!shown.includes("timeline")) { pendingTimeline = svgText; return; }
  pendingTimeline = null;
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  const holder = $("#timeline .svg");
  const first = !holder.firstChild;
  holder.replaceChildren(document.importNode(svg, true));
  // The first view fits the pane; later ones keep the zoom the writer chose.
  zoomTo(first ? 0 : 1);
}

function showDiagnostics(list, message) {
  const ol = $("#diagnostics ol");
  ol.replaceChildren();
  if (list.length === 0) {
    const li = document.createElement("li");
    li.className = message ? "error" : "none";
    li.textContent = message ? message : "No findings: the script checks clean.";
    ol.append(li);
    return;
  }
  for (const d of list) {
    const li = document.createElement("li");
    li.className = d.severity;
    li.dataset.line = d.line;
    const head = document.createElement("div");
    head.className = "head";
    head.textContent = d.severity + " " + d.code + " " + d.name + " — line " + d.line + ":" + d.column;
    const message = document.createElement("div");
    message.textContent = d.message;
    li.append(head, message);
    if (d.help) {
      const help = document.createElement("div");
      help.className = "help";
      help.textContent = "help: " + d.help;
      li.append(help);
    }
    const pre = document.createElement("pre");
    for (const [n, text] of d.context) {
      const row = document.createElement("span");
      row.textContent = String(n).padStart(5) + " │ " + text;
      if (n === d.line) row.className = "here";
      pre.append(row);
    }
    li.append(pre);
    li.addEventListener("click", () => { li.classList.toggle("open"); where(d.line); });
    ol.append(li);
  }
}

function apply(update) {
  current = update;
  const status = $("#status");
  status.replaceChildren();
  const counts = document.createElement("span");
  counts.className = update.errors ? "errors" : update.warnings ? "warnings" : "";
  counts.textContent = update.errors + " error" + (update.errors === 1 ? "" : "s") + ", " + update.warnings + " warning" + (update.warnings === 1 ? "" : "s");
  status.append(counts, document.createTextNode(" · version " + update.version));
  const banner = $("#banner");
  const problems = [];
  if (update.message) problems.push(update.message);
  if (update.errors) problems.push("The script has " + update.errors + " error" + (update.errors === 1 ? "" : "s") + ": the panes show the last version that checked clean. See Diagnostics.");
  banner.textContent = problems.join(" ");
  banner.classList.toggle("shown", problems.length > 0);
  document.body.classList.toggle("stale", update.stale && !!update.panes);
  showDiagnostics(update.diagnostics, update.message);
  const panes = update.panes;
  if (panes) showScreenplay(panes);
  if (panes && (!lastPanes || panes.timeline !== lastPanes.timeline)) showTimeline(panes.timeline);
  if (panes) $("#stats pre").textContent = panes.stats;
  if (panes) lastPanes = panes;
  document.body.dataset.version = update.version;
  requestAnimationFrame(() => { window.boutPainted = update.version; });
}

fetch("/update").then((r) => r.json()).then(apply).catch(() => { $("#status").textContent = "cannot reach bout preview"; });
// Updates arrive as deltas: each pane part that did not change is null.
// A delta that does not follow the version shown (a missed update) is
// replaced by the whole update.
function applyDelta(update) {
  const d = update.delta;
  if (d && (!lastPanes || !current || d.from !== current.version)) {
    fetch("/update").then((r) => r.json()).then(apply);
    return;
  }
  if (d) {
    update.panes = {
      head: d.head ?? lastPanes.head,
      pages: d.pages.map((p, i) => p ?? lastPanes.pages[i]),
      tail: d.tail ?? lastPanes.tail,
      timeline: d.timeline ?? lastPanes.timeline,
      stats: d.stats ?? lastPanes.stats,
    };
  } else {
    update.panes = null;
  }
  apply(update);
}
const events = new EventSource("/events");
events.addEventListener("update", (e) => applyDelta(JSON.parse(e.data)));
events.onerror = () => { $("#status").textContent = "reconnecting to bout preview…"; };
// After a reconnect (the preview restarted), catch up at once.
events.onopen = () => fetch("/update").then((r) => r.json()).then(apply).catch(() => {});
layout();
</script>
</body>
</html>
"##;
