//! SVG: the timeline as a picture. Screen time runs left to right in rows
//! of a minute; each row has a lane per fighter, then the referee,
//! dialogue, sound and action; rounds are shaded bands, knockdowns red,
//! cuts marked; labels are drawn only where they fit, so none overlap.

use std::fmt::Write;

use super::timeline::{EventKind, Timeline, TimelineEvent, clock, is_block};

/// Options of the SVG export.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Width of the picture, pixels.
    pub width: u32,
    /// Time per row, milliseconds.
    pub row_ms: u64,
    /// The clock along the rows.
    pub clock: Clock,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            width: 1600,
            row_ms: 60_000,
            clock: Clock::Screen,
        }
    }
}

/// The clock the picture runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Screen time: the whole script, scene by scene.
    Screen,
    /// Each fight on its own clock (story time, rests included, from its
    /// first event), one fight after another, each from a new row: what
    /// the fight director times.
    Fight,
}

/// An event as the picture places it: which event (or a fight's
/// heading), its kind, and its time along the rows. The picture is laid
/// out from these, and an event is made (with its text) only for the row
/// it is drawn in.
#[derive(Clone, Copy, Debug)]
struct Placed {
    what: What,
    kind: EventKind,
    start_ms: u64,
    duration_ms: u64,
}

/// What a [`Placed`] stands for.
#[derive(Clone, Copy, Debug)]
enum What {
    /// The timeline's event at this place.
    Event(u32),
    /// A fight's heading on the fight clock: made from the fight's first
    /// event (`first`), with the `heading`th of the view's headings.
    Heading { first: u32, heading: u32 },
}

/// An event's index (or a heading's), as a [`What`] keeps it: 32 bits, a
/// third of a [`Placed`] less than a `usize` (there is one per event). A
/// timeline has far fewer events than the event graph's 32-bit indices
/// allow.
fn event_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// What the picture draws: the placed events, the fights' headings, where
/// each run of the clock starts (for the clock shown under the rows), the
/// time the title gives and the end of the last event.
struct View {
    placed: Vec<Placed>,
    headings: Vec<String>,
    bases: Vec<u64>,
    length: u64,
    end: u64,
}

impl View {
    /// The event `p` stands for, made, at its place in the picture.
    fn event(&self, timeline: &Timeline<'_>, p: &Placed) -> TimelineEvent {
        let mut event = match p.what {
            What::Event(i) => timeline.event(i as usize),
            What::Heading { first, heading } => TimelineEvent {
                kind: EventKind::Scene,
                text: self.headings[heading as usize].clone(),
                strike: None,
                ..timeline.event(first as usize)
            },
        };
        event.screen.start_ms = p.start_ms;
        event.screen.duration_ms = p.duration_ms;
        event
    }
}

/// The timeline on screen time: every event where the timeline has it.
fn screen_view(timeline: &Timeline<'_>) -> View {
    let placed = (0..timeline.len())
        .map(|i| {
            let p = timeline.placement(i);
            Placed {
                what: What::Event(event_index(i)),
                kind: p.kind,
                start_ms: p.screen.start_ms,
                duration_ms: p.screen.duration_ms,
            }
        })
        .collect();
    View {
        placed,
        headings: Vec::new(),
        bases: vec![0],
        length: timeline.screen_duration_ms,
        end: timeline.screen_duration_ms,
    }
}

/// The timeline on the fight clock: each fight's events at their story
/// time, each fight starting on a row of its own after a heading, and the
/// start of each (for the clock shown under the rows).
fn fight_view(timeline: &Timeline<'_>, row_ms: u64) -> View {
    // Each fight: its "A vs B", its first event, its events' places and
    // clocks, and when its first event on the fight clock comes (the
    // fights are drawn in that order; one without any is not drawn). A
    // rematch has the same "A vs B" as the first fight: fights are told
    // apart by which fight of the script they are.
    struct Seen {
        name: String,
        first: usize,
        clocked: Option<usize>,
        /// Its events on the fight clock, placed from the fight's start.
        events: Vec<Placed>,
    }
    let mut seen: Vec<Seen> = Vec::new();
    // Where each fight (by its place in the script) is in `seen`.
    let mut place: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut clocked = 0;
    for (i, e) in timeline.events().enumerate() {
        let (Some(f), Some(fight)) = (e.fight.as_deref(), timeline.fight_of(i)) else {
            continue;
        };
        let at = match place.get(&fight) {
            Some(&at) => at,
            None => {
                place.insert(fight, seen.len());
                seen.push(Seen {
                    name: f.to_owned(),
                    first: i,
                    clocked: None,
                    events: Vec::new(),
                });
                seen.len() - 1
            }
        };
        let fight = &mut seen[at];
        let Some(clock) = &e.fight_clock else {
            continue;
        };
        if fight.clocked.is_none() {
            fight.clocked = Some(clocked);
            clocked += 1;
        }
        // The fight's own block and a scene are not drawn on its clock.
        if !matches!(e.kind, EventKind::Fight | EventKind::Scene) {
            fight.events.push(Placed {
                what: What::Event(event_index(i)),
                kind: e.kind,
                start_ms: clock.absolute_ms,
                duration_ms: clock.duration_ms,
            });
        }
    }
    seen.retain(|s| s.clocked.is_some());
    seen.sort_by_key(|s| s.clocked);
    let fights = seen.into_iter().map(|s| (s.name, s.first, s.events));
    let mut view = View {
        placed: Vec::new(),
        headings: Vec::new(),
        bases: Vec::new(),
        length: 0,
        end: 0,
    };
    let mut next = 0u64;
    for (fight, first, events) in fights {
        let base = next.div_ceil(row_ms) * row_ms;
        view.bases.push(base);
        let mut end = base;
        let names: Vec<String> = fight.split(" vs ").map(|id| timeline.who(id)).collect();
        // The fight's heading, made from its first event.
        view.placed.push(Placed {
            what: What::Heading {
                first: event_index(first),
                heading: event_index(view.headings.len()),
            },
            kind: EventKind::Scene,
            start_ms: base,
            duration_ms: 0,
        });
        view.headings.push(format!("Fight: {}", names.join(" vs ")));
        for mut placed in events {
            placed.start_ms += base;
            end = end.max(placed.start_ms + placed.duration_ms);
            view.placed.push(placed);
        }
        // A fight's row and the next fight's stand apart.
        view.length += end - base;
        next = end + 1;
    }
    view.end = view
        .placed
        .iter()
        .map(|p| p.start_ms + p.duration_ms)
        .max()
        .unwrap_or(0);
    view
}

const LABEL_WIDTH: f64 = 120.0;
const LANE_HEIGHT: f64 = 26.0;
const HEADER: f64 = 30.0;
const ROW_GAP: f64 = 18.0;
const TITLE: f64 = 44.0;
const LEGEND: f64 = 40.0;
/// Average advance of a character at the label font size, pixels.
const CHAR_WIDTH: f64 = 6.4;
/// Height of the band that stands for rows of screen time in which no event
/// starts (a long beat): they are not drawn row by row.
const GAP_BAND: f64 = 24.0;
/// Fighters with a lane of their own; the picture gives any further ones a
/// shared lane, so its size stays bound by the events, not by the cast.
pub const MAX_FIGHTER_LANES: usize = 32;
/// The shared lane of fighters past [`MAX_FIGHTER_LANES`].
const OTHER_FIGHTERS: &str = "OTHER FIGHTERS";

/// Escapes text for this format (see [`crate::export::escape::markup`]).
pub fn escape(text: &str) -> String {
    crate::export::escape::markup(text)
}

/// A label that fits in `width` pixels: whole, shortened with an ellipsis,
/// or nothing.
fn fit(text: &str, width: f64) -> Option<String> {
    let room = ((width - 6.0) / CHAR_WIDTH).floor();
    if room < 3.0 {
        return None;
    }
    let room = room as usize;
    let count = text.chars().count();
    if count <= room {
        Some(text.to_owned())
    } else {
        Some(text.chars().take(room - 1).collect::<String>() + "…")
    }
}

/// The first of `forms` (longest first) that fits whole in `width` pixels,
/// or the last cut with an ellipsis, or nothing: "right hook to the body",
/// "right hook", "R hook", "hook" before "righ…".
fn fit_any(forms: &[String], width: f64) -> Option<String> {
    let room = ((width - 6.0) / CHAR_WIDTH).floor().max(0.0) as usize;
    forms
        .iter()
        .find(|f| !f.is_empty() && f.chars().count() <= room)
        .cloned()
        .or_else(|| fit(forms.last()?, width))
}

/// The forms of an event's label, longest first, in the names a person
/// reads: a move without its attacker (the lane says who), a reaction
/// without its defender, a referee's action without the referee, a line of
/// dialogue after its speaker's cue.
fn label_forms(timeline: &Timeline<'_>, event: &TimelineEvent) -> Vec<String> {
    match (event.kind, &event.strike) {
        (EventKind::Move, Some(m)) => {
            let side = m.side;
            let short_side = side.map(|s| match s {
                "left" => "L",
                "right" => "R",
                "lead" => "ld",
                "rear" => "rr",
                other => other,
            });
            let with = |side: Option<&str>| match side {
                Some(s) => format!("{s} {}", m.technique),
                None => m.technique.to_string(),
            };
            let flurry = if m.flurry > 1 {
                format!(" x{}", m.flurry)
            } else {
                String::new()
            };
            let target = m.target.map_or(String::new(), |t| format!(" to the {t}"));
            vec![
                format!("{}{target}{flurry}", with(side)),
                format!("{}{flurry}", with(side)),
                with(short_side),
                m.technique.to_string(),
            ]
        }
        (EventKind::Reaction, Some(m)) => {
            let what = m.reaction.unwrap_or_default();
            let detail = m.detail.map_or(String::new(), |d| format!(" {d}"));
            let mat = if m.mat { ", mat" } else { "" };
            let mark = match what {
                "down" => "↓",
                "out" => "KO",
                _ => "",
            };
            vec![
                format!("{what}{detail}{mat}"),
                what.to_owned(),
                mark.to_owned(),
            ]
        }
        (EventKind::Dialogue, _) => {
            let (cue, line) = event.text.split_once(": ").unwrap_or(("", &event.text));
            vec![format!("{}: {line}", timeline.who(cue)), line.to_owned()]
        }
        (EventKind::Referee, _) => {
            // "REF_KAY stop IRINA": the referee, the verb, whom it names;
            // a count's shortest form is its number, any other's its verb.
            let mut words = event.text.split(' ');
            let who = words.next().unwrap_or_default();
            let verb = words.next().unwrap_or_default();
            let rest: Vec<&str> = words.collect();
            let named = rest
                .iter()
                .map(|w| {
                    if timeline.cast.iter().any(|m| m.id == *w) {
                        timeline.who(w)
                    } else {
                        (*w).to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let what = format!("{verb} {named}").trim().to_owned();
            let shortest = if verb == "counts" || verb == "count" {
                rest.first().copied().unwrap_or(verb).to_owned()
            } else {
                verb.to_owned()
            };
            vec![format!("{} {what}", timeline.who(who)), what, shortest]
        }
        (EventKind::Up, _) => {
            let (who, what) = event.text.split_once(' ').unwrap_or((&event.text, ""));
            vec![format!("{} {what}", timeline.who(who)), what.to_owned()]
        }
        _ => vec![event.text.clone()],
    }
}

/// A scene heading's forms: whole, without `INT.`/`EXT.`, the place alone.
fn heading_forms(heading: &str) -> Vec<String> {
    let bare = ["INT./EXT.", "INT/EXT", "I/E", "INT.", "EXT.", "EST."]
        .iter()
        .find_map(|p| heading.strip_prefix(p))
        .unwrap_or(heading)
        .trim();
    let place = bare.rsplit_once(" - ").map_or(bare, |(p, _)| p).trim();
    vec![heading.to_owned(), bare.to_owned(), place.to_owned()]
}

/// The band standing for `skipped` milliseconds of screen time in which no
/// event starts.
fn gap_band(out: &mut impl Write, top: f64, width: f64, skipped: u64, clock_name: &str) {
    let _ = writeln!(
        out,
        r##"<rect x="{LABEL_WIDTH}" y="{}" width="{}" height="{}" fill="#ece9df"/><text x="{}" y="{}" text-anchor="middle" fill="#6b7078" font-style="italic">⋯ {} of {clock_name} in which nothing new starts ⋯</text>"##,
        top + 3.0,
        width - LABEL_WIDTH - 10.0,
        GAP_BAND - 6.0,
        LABEL_WIDTH + (width - LABEL_WIDTH - 10.0) / 2.0,
        top + GAP_BAND / 2.0 + 4.0,
        clock(skipped)
    );
}

/// Fill and stroke of an event.
fn style(event: &TimelineEvent) -> (&'static str, &'static str) {
    let text = event.text.as_str();
    match event.kind {
        EventKind::Move => ("#4a78c2", "#2b4f8a"),
        EventKind::Reaction if text.contains(" down") || text.contains(" out") => {
            ("#d62828", "#7f0f0f")
        }
        EventKind::Reaction if text.contains(" cut") || text.contains(" swell") => {
            ("#9d0208", "#370617")
        }
        EventKind::Reaction if text.contains(" hit") || text.contains(" stagger") => {
            ("#f4a261", "#b5651d")
        }
        EventKind::Reaction => ("#c9cdd2", "#8a9097"),
        EventKind::Dialogue => ("#7fb77e", "#3f7a3e"),
        EventKind::Sound => ("#a98bd6", "#6a4c9c"),
        EventKind::Referee | EventKind::Up | EventKind::Towel => ("#444a52", "#1f2328"),
        _ => ("#e4e1d6", "#a6a293"),
    }
}

/// The SVG picture of `timeline`, on the clock `options` says.
pub fn export(timeline: &Timeline<'_>, options: Options) -> String {
    let mut out = String::new();
    write(timeline, options, &mut out);
    out
}

/// [`export`], written to `out` as it is drawn (see [`super::stream`]). A
/// write error is kept by `out`, which then writes no more.
pub fn write(timeline: &Timeline<'_>, options: Options, out: &mut impl Write) {
    match options.clock {
        Clock::Screen => draw(
            timeline,
            &screen_view(timeline),
            options,
            "screen time",
            out,
        ),
        Clock::Fight => {
            let row_ms = options.row_ms.max(1000);
            draw(
                timeline,
                &fight_view(timeline, row_ms),
                options,
                "fight clock",
                out,
            )
        }
    }
}

/// Draws the events of `timeline` where `view` places them; `clock_name`
/// says what the clock is.
fn draw(
    timeline: &Timeline<'_>,
    view: &View,
    options: Options,
    clock_name: &str,
    out: &mut impl Write,
) {
    // The clock under the rows counts from the last run's start before it.
    let bases = &view.bases;
    let length = view.length;
    let base_of = |ms: u64| {
        let at = bases.partition_point(|&b| b <= ms).saturating_sub(1);
        bases.get(at).copied().unwrap_or(0)
    };
    let shown_clock = |ms: u64| clock(ms.saturating_sub(base_of(ms)));
    let fixed = ["REFEREE", "DIALOGUE", "SOUND", "ACTION"];
    let fighters: Vec<&str> = timeline
        .lanes
        .iter()
        .map(String::as_str)
        .filter(|l| *l != "STRUCTURE" && !fixed.contains(l))
        .collect();
    let mut lanes: Vec<&str> = fighters.iter().copied().take(MAX_FIGHTER_LANES).collect();
    if fighters.len() > MAX_FIGHTER_LANES {
        lanes.push(OTHER_FIGHTERS);
    }
    lanes.extend(
        fixed
            .iter()
            .filter(|f| timeline.lanes.iter().any(|l| l == *f)),
    );
    let lane_index: std::collections::HashMap<&str, usize> =
        lanes.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    let others = lane_index.get(OTHER_FIGHTERS).copied();
    let lane_of = |lane: &str| {
        lane_index
            .get(lane)
            .copied()
            .or_else(|| fighters.contains(&lane).then_some(others).flatten())
    };
    let row_ms = options.row_ms.max(1000);
    let rows = view.end.div_ceil(row_ms).max(1);
    // The row an event is drawn in: a bell on a row's boundary (the bell
    // that ends a round at 3:00) closes the row before rather than open a
    // row of its own.
    let row_of = |kind: EventKind, start: u64| {
        let row = if kind == EventKind::Bell && start > 0 && start.is_multiple_of(row_ms) {
            start / row_ms - 1
        } else {
            start / row_ms
        };
        row.min(rows - 1)
    };
    // Only rows in which some event starts are drawn; a run of rows without
    // one (a beat of an hour) becomes one thin band. The picture's size is
    // bound by the events, whatever the clock says.
    // Events mostly come in time order: a row already met just before is
    // not kept twice, so this holds about a row, not an event, apiece.
    let mut shown: Vec<u64> = vec![0];
    for p in &view.placed {
        let row = row_of(p.kind, p.start_ms);
        if shown.last() != Some(&row) {
            shown.push(row);
        }
    }
    shown.sort_unstable();
    shown.dedup();
    let width = f64::from(options.width.max(400));
    let plot = width - LABEL_WIDTH - 10.0;
    let px = plot / row_ms as f64;
    let row_height = HEADER + LANE_HEIGHT * lanes.len() as f64 + ROW_GAP;
    let gaps = shown.windows(2).filter(|w| w[1] > w[0] + 1).count()
        + usize::from(shown.last().is_some_and(|&r| r + 1 < rows));
    let height = TITLE + row_height * shown.len() as f64 + GAP_BAND * gaps as f64 + LEGEND;
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#fbfaf7"/>"##
    );
    let title = timeline.title.as_deref().unwrap_or("bout timeline");
    let _ = writeln!(
        out,
        r##"<text x="12" y="28" font-size="18" font-weight="bold" fill="#1f2328">{} <tspan font-size="12" font-weight="normal" fill="#6b7078">· {clock_name} · {} · {} fps</tspan></text>"##,
        escape(title),
        clock(length),
        timeline.rate
    );
    let x_of = |ms: u64| LABEL_WIDTH + (ms % row_ms) as f64 * px;
    // Each event drawn in every shown row it touches: bucket them once, so
    // the picture is linear in events, not rows × events.
    let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); shown.len()];
    for (i, p) in view.placed.iter().enumerate() {
        let first = row_of(p.kind, p.start_ms);
        let last = ((p.start_ms + p.duration_ms.max(1) - 1) / row_ms).min(rows - 1);
        let from = shown.partition_point(|&r| r < first);
        let to = shown.partition_point(|&r| r <= last);
        for bucket in &mut buckets[from..to.max(from)] {
            bucket.push(event_index(i));
        }
    }
    let mut scene_starts: Vec<u64> = view
        .placed
        .iter()
        .filter(|p| p.kind == EventKind::Scene)
        .map(|p| p.start_ms)
        .collect();
    scene_starts.sort_unstable();
    let mut top = TITLE;
    let mut previous: Option<u64> = None;
    for (k, &row) in shown.iter().enumerate() {
        if let Some(prev) = previous
            && row > prev + 1
        {
            gap_band(out, top, width, (row - prev - 1) * row_ms, clock_name);
            top += GAP_BAND;
        }
        previous = Some(row);
        // The row's events, made for it (and dropped after it).
        let in_row: Vec<TimelineEvent> = buckets[k]
            .iter()
            .map(|&i| view.event(timeline, &view.placed[i as usize]))
            .collect();
        let row_top = top;
        top += row_height;
        let top = row_top;
        let row_start = row * row_ms;
        let row_end = row_start + row_ms;
        // The clock under the row counts from the run it belongs to.
        let row_base = base_of(row_start);
        let lanes_top = top + HEADER;
        let lanes_bottom = lanes_top + LANE_HEIGHT * lanes.len() as f64;
        // Lane backgrounds and names.
        for (i, lane) in lanes.iter().enumerate() {
            let y = lanes_top + LANE_HEIGHT * i as f64;
            let fill = if i % 2 == 0 { "#f3f1ea" } else { "#ece9df" };
            let _ = writeln!(
                out,
                r#"<rect x="{LABEL_WIDTH}" y="{y}" width="{plot}" height="{LANE_HEIGHT}" fill="{fill}"/>"#
            );
            let _ = writeln!(
                out,
                r##"<text x="{}" y="{}" text-anchor="end" font-weight="bold" fill="#3b3f45">{}</text>"##,
                LABEL_WIDTH - 8.0,
                y + LANE_HEIGHT / 2.0 + 4.0,
                // A fighter's lane by their name, the others by what they hold.
                escape(&if fighters.contains(lane) {
                    timeline.who(lane)
                } else {
                    (*lane).to_owned()
                })
            );
        }
        // Rounds as shaded bands, scenes as rules, with their names in the header.
        for event in in_row.iter().filter(|e| {
            matches!(
                e.kind,
                EventKind::Round | EventKind::RoundsMontage | EventKind::Scene
            )
        }) {
            let (start, end) = (
                event.screen.start_ms,
                event.screen.start_ms + event.screen.duration_ms,
            );
            if (end <= row_start || start >= row_end)
                && !(event.kind == EventKind::Scene && start >= row_start && start < row_end)
            {
                continue;
            }
            let a = start.max(row_start);
            let b = end.min(row_end);
            let x = x_of(a);
            let w = (b.saturating_sub(a)) as f64 * px;
            if event.kind == EventKind::Scene {
                if start >= row_start && start < row_end {
                    let _ = writeln!(
                        out,
                        r##"<line x1="{x}" y1="{}" x2="{x}" y2="{lanes_bottom}" stroke="#1f2328" stroke-width="1.5"/>"##,
                        top + 2.0
                    );
                    // The heading may run to the next scene, not over it;
                    // bold type runs a little wider than the estimate.
                    let next = scene_starts
                        .get(scene_starts.partition_point(|&s| s <= start))
                        .copied()
                        .unwrap_or(u64::MAX);
                    let room = (row_end.min(next) - start) as f64 * px * 0.9;
                    if let Some(label) = fit_any(&heading_forms(&event.text), room) {
                        let _ = writeln!(
                            out,
                            r##"<text x="{}" y="{}" fill="#1f2328" font-weight="bold">{}<title>{}</title></text>"##,
                            x + 4.0,
                            top + 12.0,
                            escape(&label),
                            escape(&event.text)
                        );
                    }
                }
                continue;
            }
            let fill = if event.kind == EventKind::RoundsMontage {
                "#b7c9e2"
            } else {
                "#c8d7ee"
            };
            let _ = writeln!(
                out,
                r#"<rect x="{x}" y="{}" width="{w}" height="{}" fill="{fill}" fill-opacity="0.35"/>"#,
                top + 16.0,
                lanes_bottom - top - 16.0
            );
            if start >= row_start
                && let Some(label) = fit(&event.text, w)
            {
                let _ = writeln!(
                    out,
                    r##"<text x="{}" y="{}" fill="#2b4f8a">{}</text>"##,
                    x + 3.0,
                    top + 26.0,
                    escape(&label)
                );
            }
        }
        // Time ticks every five seconds.
        let mut tick = row_start;
        while tick <= row_end.min(view.end.max(row_start)) {
            let x = LABEL_WIDTH + (tick - row_start) as f64 * px;
            let _ = writeln!(
                out,
                r##"<line x1="{x}" y1="{lanes_top}" x2="{x}" y2="{lanes_bottom}" stroke="#d5d1c4" stroke-width="0.5"/>"##
            );
            if (tick - row_start).is_multiple_of(10_000) {
                let _ = writeln!(
                    out,
                    r##"<text x="{x}" y="{}" text-anchor="middle" font-size="9" fill="#8a8f96">{}</text>"##,
                    lanes_bottom + 11.0,
                    clock(tick - row_base).split('.').next().unwrap_or_default()
                );
            }
            tick += 5000;
        }
        // Events, clipped to the row. An event that starts before the one
        // drawn before it in its lane has ended (`&`, dual dialogue) is drawn
        // as a thin bar along the lane's foot, without a label, so no two
        // labels ever overlap.
        let mut lane_ends: Vec<u64> = vec![0; lanes.len()];
        let mut lane_starts: Vec<Vec<u64>> = vec![Vec::new(); lanes.len()];
        for e in in_row
            .iter()
            .filter(|e| !is_block(e.kind) && e.kind != EventKind::Note)
        {
            if let Some(lane) = lane_of(&e.lane) {
                lane_starts[lane].push(e.screen.start_ms);
            }
        }
        for starts in &mut lane_starts {
            starts.sort_unstable();
        }
        for event in in_row
            .iter()
            .filter(|e| !is_block(e.kind) && e.kind != EventKind::Note)
        {
            let Some(lane) = lane_of(&event.lane) else {
                continue;
            };
            let (start, end) = (
                event.screen.start_ms,
                event.screen.start_ms + event.screen.duration_ms,
            );
            let y = lanes_top + LANE_HEIGHT * lane as f64;
            if event.kind == EventKind::Bell {
                if row_of(event.kind, event.screen.start_ms) == row {
                    let x = if start == row_end {
                        LABEL_WIDTH + plot
                    } else {
                        x_of(start)
                    };
                    let _ = writeln!(
                        out,
                        r##"<line x1="{x}" y1="{}" x2="{x}" y2="{lanes_bottom}" stroke="#e9b300" stroke-width="2" data-line="{}"><title>{}</title></line>"##,
                        top + 16.0,
                        event.line,
                        escape(&format!("{} at {}", event.text, shown_clock(start)))
                    );
                }
                continue;
            }
            if end <= row_start || start >= row_end || end == start {
                continue;
            }
            let a = start.max(row_start);
            let b = end.min(row_end);
            let x = x_of(a);
            let w = ((b - a) as f64 * px).max(1.0);
            let (fill, stroke) = style(event);
            // The tooltip names people as the labels do.
            let forms = label_forms(timeline, event);
            let what = forms.first().unwrap_or(&event.text);
            let what = match (event.kind, &event.strike) {
                (EventKind::Move, Some(m)) => match m.defender.as_deref() {
                    Some(d) => format!(
                        "{}: {what} → {}",
                        timeline.who(&m.attacker),
                        timeline.who(d)
                    ),
                    None => format!("{}: {what}", timeline.who(&m.attacker)),
                },
                (EventKind::Reaction, Some(m)) => match m.defender.as_deref() {
                    Some(d) => format!("{}: {what}", timeline.who(d)),
                    None => what.clone(),
                },
                _ => what.clone(),
            };
            let tooltip = format!("{what} · {} · line {}", shown_clock(start), event.line);
            let overlaps = start < lane_ends[lane];
            lane_ends[lane] = lane_ends[lane].max(end);
            // Knockdowns and cuts stay full height even when they overlap.
            let highlight = matches!(fill, "#d62828" | "#9d0208");
            let (bar_y, bar_height) = if overlaps && !highlight {
                (y + LANE_HEIGHT - 8.0, 5.0)
            } else {
                (y + 3.0, LANE_HEIGHT - 6.0)
            };
            let _ = writeln!(
                out,
                r#"<rect x="{x:.2}" y="{bar_y:.2}" width="{w:.2}" height="{bar_height:.2}" rx="2" fill="{fill}" stroke="{stroke}" stroke-width="0.8" data-line="{}"><title>{}</title></rect>"#,
                event.line,
                escape(&tooltip)
            );
            if overlaps {
                continue;
            }
            // A label stops where the next event in its lane begins.
            let starts = &lane_starts[lane];
            let room = starts
                .get(starts.partition_point(|&s| s <= start))
                .map_or(w, |&next| w.min((next.min(row_end).max(a) - a) as f64 * px));
            if let Some(label) = fit_any(&label_forms(timeline, event), room) {
                let color = if matches!(fill, "#4a78c2" | "#d62828" | "#9d0208" | "#444a52") {
                    "#ffffff"
                } else {
                    "#1f2328"
                };
                let _ = writeln!(
                    out,
                    r#"<text x="{:.2}" y="{:.2}" fill="{color}" pointer-events="none">{}</text>"#,
                    x + 3.0,
                    y + LANE_HEIGHT / 2.0 + 4.0,
                    escape(&label)
                );
            }
        }
    }
    if let Some(last) = previous
        && last + 1 < rows
    {
        gap_band(out, top, width, (rows - last - 1) * row_ms, clock_name);
        top += GAP_BAND;
    }
    // Legend.
    let legend_top = top + 8.0;
    let items = [
        ("#4a78c2", "attack"),
        ("#f4a261", "lands"),
        ("#d62828", "knockdown"),
        ("#9d0208", "cut / swelling"),
        ("#c9cdd2", "defended or missed"),
        ("#444a52", "referee, up, towel"),
        ("#7fb77e", "dialogue"),
        ("#a98bd6", "sound"),
        ("#e4e1d6", "action"),
        ("#c8d7ee", "round"),
        ("#b7c9e2", "rounds montage"),
    ];
    let mut x = LABEL_WIDTH;
    for (color, name) in items {
        let _ = writeln!(
            out,
            r##"<rect x="{x}" y="{legend_top}" width="14" height="12" rx="2" fill="{color}" stroke="#8a9097" stroke-width="0.5"/><text x="{}" y="{}" fill="#3b3f45">{name}</text>"##,
            x + 18.0,
            legend_top + 10.0
        );
        x += 34.0 + name.len() as f64 * CHAR_WIDTH;
    }
    // The two marks drawn as lines: a bell, a scene's start.
    for (color, width, name) in [("#e9b300", 2.0, "bell"), ("#1f2328", 1.5, "scene starts")] {
        let _ = writeln!(
            out,
            r##"<line x1="{}" y1="{legend_top}" x2="{}" y2="{}" stroke="{color}" stroke-width="{width}"/><text x="{}" y="{}" fill="#3b3f45">{name}</text>"##,
            x + 7.0,
            x + 7.0,
            legend_top + 12.0,
            x + 14.0,
            legend_top + 10.0
        );
        x += 30.0 + name.len() as f64 * CHAR_WIDTH;
    }
    let _ = out.write_str("</svg>\n");
}
