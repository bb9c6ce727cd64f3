//! OpenTimelineIO (`Timeline.1`): picture tracks of the beats in screen
//! order, audio tracks for dialogue and sound, markers for round starts,
//! bells, knockdowns and the end of each fight, named for people
//! ("Knockdown: Apollo (count 6)") with their bout ids in metadata.
//! Durations are the timeline's screen times at its frame rate, which may be
//! a fraction (24000/1001).
//!
//! What the editors' tools need (tested through the OTIO adapter plugins):
//! every clip has a media reference with an `available_range`: by default a
//! placeholder file that does not exist, `file:///bout-placeholder/ID.mov`
//! (offline media to an editor; the reference's metadata says so), or with
//! [`Media::Missing`] OTIO's `MissingReference`; clip names have no straight
//! quotes (Final Cut Pro X's adapter breaks on them); and
//! [`Tracks::Single`] flattens the picture into one video track and the
//! sound into one audio track, as an EDL holds.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::timeline::{EventKind, Family, Timeline, TimelineEvent, Track as TimelineTrack};

/// Options of the OpenTimelineIO export.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Name the timeline after the script's title (else "bout timeline").
    pub use_title: bool,
    /// What each clip's media is.
    pub media: Media,
    /// Layered tracks, or one picture and one sound track.
    pub tracks: Tracks,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            use_title: true,
            media: Media::Offline,
            tracks: Tracks::Layered,
        }
    }
}

/// A clip's media reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    /// A placeholder file that does not exist: offline media in an editor.
    Offline,
    /// OTIO's `MissingReference`, with its range.
    Missing,
}

/// How the clips are laid on tracks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tracks {
    /// As many tracks as overlaps need (`Video 1`, `Video 2`, `Dialogue 1`…).
    Layered,
    /// One video and one audio track: a clip that overlaps the one before
    /// starts where that one ends, and one wholly covered is left out.
    Single,
}

// The document is typed structs that borrow from the timeline and serialize
// straight to the output: no JSON tree is built, so memory stays a small
// multiple of the timeline however long the output (about twelve times the
// script) grows.

#[derive(Serialize)]
struct Time {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    rate: f64,
    value: f64,
}

#[derive(Serialize)]
struct Range {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    duration: Time,
    start_time: Time,
}

fn time(frames: u64, fps: f64) -> Time {
    Time {
        schema: "RationalTime.1",
        rate: fps,
        value: frames as f64,
    }
}

fn range(start: u64, duration: u64, fps: f64) -> Range {
    Range {
        schema: "TimeRange.1",
        duration: time(duration, fps),
        start_time: time(start, fps),
    }
}

/// An empty JSON object (`{}`).
#[derive(Serialize)]
struct Empty {}

/// A track's child: a gap or a clip (its event and length).
enum Item<'a> {
    Gap(u64),
    Clip(&'a TimelineEvent, u64, usize),
}

#[derive(Serialize)]
struct BoutClip<'a> {
    id: &'a str,
    kind: EventKind,
    lane: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct ClipMeta<'a> {
    bout: BoutClip<'a>,
    /// The reel the EDL adapter writes: one per clip, so that an EDL's
    /// events relink one to one.
    cmx_3600: Reel,
}

#[derive(Serialize)]
struct Reel {
    reel: String,
}

#[derive(Serialize)]
struct Placeholder {
    placeholder: bool,
}

#[derive(Serialize)]
struct Aaf {
    #[serde(rename = "MobID")]
    mob_id: String,
}

#[derive(Serialize)]
struct ReferenceMeta {
    bout: Placeholder,
    /// What the AAF adapter names the media by: a SMPTE UMID made from the
    /// clip's bout id, so the same script gives the same ids.
    #[serde(rename = "AAF")]
    aaf: Aaf,
}

/// A SMPTE UMID (the AAF adapter's `MobID`) from `id`: the standard
/// label's twelve bytes and length, then 128 bits of two FNV-1a hashes.
fn mob_id(id: &str) -> String {
    let fnv = |basis: u64| {
        id.bytes().fold(basis, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4));
    format!(
        "urn:smpte:umid:060a2b34.01010105.01010f20.13000000.{:08x}.{:08x}.{:08x}.{:08x}",
        a >> 32,
        a & 0xffff_ffff,
        b >> 32,
        b & 0xffff_ffff
    )
}

#[derive(Serialize)]
struct Reference {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    available_image_bounds: Option<()>,
    available_range: Range,
    metadata: ReferenceMeta,
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_url: Option<String>,
}

#[derive(Serialize)]
struct References {
    #[serde(rename = "DEFAULT_MEDIA")]
    default: Reference,
}

struct ItemContext<'a> {
    item: Item<'a>,
    fps: f64,
    media: Media,
}

/// A name every adapter takes: straight quotes made curly (Final Cut Pro
/// X's adapter puts names in XPath predicates).
fn safe_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = true;
    for c in text.chars() {
        match c {
            '\'' => out.push('\u{2019}'),
            '"' => {
                out.push(if open { '\u{201C}' } else { '\u{201D}' });
                open = !open;
            }
            c => out.push(c),
        }
    }
    out
}

impl Serialize for ItemContext<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fps = self.fps;
        let no_markers: [(); 0] = [];
        match self.item {
            Item::Gap(frames) => {
                let mut map = serializer.serialize_map(Some(8))?;
                map.serialize_entry("OTIO_SCHEMA", "Gap.1")?;
                map.serialize_entry("color", &None::<()>)?;
                map.serialize_entry("effects", &no_markers)?;
                map.serialize_entry("enabled", &true)?;
                map.serialize_entry("markers", &no_markers)?;
                map.serialize_entry("metadata", &Empty {})?;
                map.serialize_entry("name", "")?;
                map.serialize_entry("source_range", &range(0, frames, fps))?;
                map.end()
            }
            Item::Clip(event, frames, reel) => {
                let mut map = serializer.serialize_map(Some(10))?;
                map.serialize_entry("OTIO_SCHEMA", "Clip.2")?;
                map.serialize_entry("active_media_reference_key", "DEFAULT_MEDIA")?;
                map.serialize_entry("color", &None::<()>)?;
                map.serialize_entry("effects", &no_markers)?;
                map.serialize_entry("enabled", &true)?;
                map.serialize_entry("markers", &no_markers)?;
                let (schema, target_url) = match self.media {
                    Media::Offline => (
                        "ExternalReference.1",
                        Some(format!("file:///bout-placeholder/{}.mov", event.id)),
                    ),
                    Media::Missing => ("MissingReference.1", None),
                };
                map.serialize_entry(
                    "media_references",
                    &References {
                        default: Reference {
                            schema,
                            available_image_bounds: None,
                            available_range: range(0, frames, fps),
                            metadata: ReferenceMeta {
                                bout: Placeholder { placeholder: true },
                                aaf: Aaf {
                                    mob_id: mob_id(&event.id),
                                },
                            },
                            name: "",
                            target_url,
                        },
                    },
                )?;
                map.serialize_entry(
                    "metadata",
                    &ClipMeta {
                        bout: BoutClip {
                            id: &event.id,
                            kind: event.kind,
                            lane: &event.lane,
                            line: event.line,
                        },
                        cmx_3600: Reel {
                            reel: format!("B{reel:07}"),
                        },
                    },
                )?;
                map.serialize_entry("name", &safe_name(&event.text))?;
                map.serialize_entry("source_range", &range(0, frames, fps))?;
                map.end()
            }
        }
    }
}

#[derive(Serialize)]
struct BoutId {
    id: String,
}

#[derive(Serialize)]
struct MarkerMeta {
    bout: BoutId,
}

#[derive(Serialize)]
struct Marker {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    color: &'static str,
    comment: &'static str,
    marked_range: Range,
    metadata: MarkerMeta,
    name: String,
}

fn marker(name: String, color: &'static str, at: u64, fps: f64, id: String) -> Marker {
    Marker {
        schema: "Marker.2",
        color,
        comment: "",
        marked_range: range(at, 0, fps),
        metadata: MarkerMeta {
            bout: BoutId { id },
        },
        name,
    }
}

/// One track: its clips (each event, its first frame and its length) and
/// the gaps between them, made as they are written.
struct Track<'a> {
    name: String,
    kind: &'static str,
    /// The timeline the clips are events of.
    timeline: &'a Timeline<'a>,
    /// Its clips, in order (the event of each is made when it is written).
    events: Vec<Clip>,
    fps: f64,
    media: Media,
    /// Gaps up to this frame after the last clip (a picture track with no
    /// clip, which the EDL and Final Cut Pro X adapters need, is one gap).
    pad_to: u64,
}

/// The children of a track, gaps made on the fly.
struct Children<'t, 'a>(&'t Track<'a>);

impl Serialize for Children<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let track = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        let mut at = 0u64;
        for clip in &track.events {
            let Clip {
                event,
                start,
                frames,
            } = *clip;
            let reel = clip.reel();
            let event = track.timeline.event(event as usize);
            if start > at {
                seq.serialize_element(&ItemContext {
                    item: Item::Gap(start - at),
                    fps: track.fps,
                    media: track.media,
                })?;
            }
            seq.serialize_element(&ItemContext {
                item: Item::Clip(&event, frames, reel),
                fps: track.fps,
                media: track.media,
            })?;
            at = start + frames;
        }
        if track.pad_to > at {
            seq.serialize_element(&ItemContext {
                item: Item::Gap(track.pad_to - at),
                fps: track.fps,
                media: track.media,
            })?;
        }
        seq.end()
    }
}

impl Serialize for Track<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let no_markers: [(); 0] = [];
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("OTIO_SCHEMA", "Track.1")?;
        map.serialize_entry("children", &Children(self))?;
        map.serialize_entry("color", &None::<()>)?;
        map.serialize_entry("effects", &no_markers)?;
        map.serialize_entry("enabled", &true)?;
        map.serialize_entry("kind", self.kind)?;
        map.serialize_entry("markers", &no_markers)?;
        map.serialize_entry("metadata", &Empty {})?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("source_range", &None::<()>)?;
        map.end()
    }
}

#[derive(Serialize)]
struct Stack<'a> {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    children: Vec<Track<'a>>,
    color: Option<()>,
    effects: [(); 0],
    enabled: bool,
    markers: Vec<Marker>,
    metadata: Empty,
    name: &'static str,
    source_range: Option<()>,
}

#[derive(Serialize)]
struct TimelineMeta {
    bout: Fps,
}

#[derive(Serialize)]
struct Fps {
    fps: f64,
}

/// The OpenTimelineIO document (`Timeline.1`) of a timeline, ready to
/// serialize with serde (`serde_json::to_writer_pretty`).
#[derive(Serialize)]
pub struct Otio<'a> {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    global_start_time: Option<()>,
    metadata: TimelineMeta,
    name: String,
    tracks: Stack<'a>,
}

/// The clips of one track, in screen order, laid one after the other:
/// a clip that overlaps the one before starts where that one ends (shorter
/// by as much), and one it would leave no frame of is left out.
fn flatten(mut events: Vec<Clip>) -> Vec<Clip> {
    // By start, then by place (as a stable sort would leave them), without
    // the stable sort's buffer of half the list.
    events.sort_unstable_by_key(|c| (c.start, c.event));
    let mut out = Vec::with_capacity(events.len());
    let mut at = 0u64;
    for c in events {
        let start = c.start.max(at);
        let end = c.start + c.frames;
        if end > start {
            out.push(Clip {
                start,
                frames: end - start,
                ..c
            });
            at = end;
        }
    }
    out
}

/// An event on a track: its place in the timeline, its first frame and
/// length (24 bytes: there is one per event).
#[derive(Clone, Copy)]
struct Clip {
    event: u32,
    start: u64,
    frames: u64,
}

impl Clip {
    /// Its clip's reel number: its event's place from 1.
    fn reel(&self) -> usize {
        self.event as usize + 1
    }
}

/// The markers, named for people: a round's start ("Round 1"), a bell
/// ("Bell — end of round 1"), a knockdown ("Knockdown: Apollo (count 6)"),
/// a fight's end ("End of fight: Rocky vs Drago"); each with its bout id.
fn markers(timeline: &Timeline<'_>) -> Vec<Marker> {
    let fps = timeline.fps;
    let mut out = Vec::new();
    for (i, event) in timeline.events().enumerate() {
        let start = event.screen.start_frame;
        let round = event.fight_clock.as_ref().and_then(|c| c.round);
        match event.kind {
            EventKind::Round => {
                out.push(marker(
                    event.text.clone(),
                    "GREEN",
                    start,
                    fps,
                    event.id.to_string(),
                ));
            }
            EventKind::Bell => {
                let name = match (
                    round,
                    event.fight_clock.as_ref().and_then(|c| c.in_round_ms),
                ) {
                    (Some(r), Some(0)) => format!("Bell \u{2014} round {r} begins"),
                    (Some(r), _) => format!("Bell \u{2014} end of round {r}"),
                    (None, _) => "Bell".into(),
                };
                out.push(marker(name, "YELLOW", start, fps, event.id.to_string()));
            }
            EventKind::Reaction => {
                let Some(m) = &event.strike else { continue };
                if !matches!(m.reaction, Some("down" | "out")) {
                    continue;
                }
                let who = m
                    .defender
                    .as_deref()
                    .map(|d| timeline.who(d))
                    .unwrap_or_default();
                // The count over the fighter, before the next blow.
                let count = timeline
                    .events_from(i + 1)
                    .take_while(|e| !matches!(e.kind, EventKind::Move | EventKind::Reaction))
                    .filter(|e| e.kind == EventKind::Referee && e.text.contains(" counts "))
                    .filter_map(|e| {
                        e.text
                            .rsplit(' ')
                            .next()
                            .and_then(|n| n.parse::<u32>().ok())
                    })
                    .last();
                let what = if m.reaction == Some("out") {
                    "Knockout"
                } else {
                    "Knockdown"
                };
                let name = match count {
                    Some(n) => format!("{what}: {who} (count {n})"),
                    None => format!("{what}: {who}"),
                };
                out.push(marker(name, "RED", start, fps, event.id.to_string()));
            }
            EventKind::Fight => {
                let end = start + event.screen.duration_frames;
                let names = event
                    .text
                    .split(" vs ")
                    .map(|id| timeline.who(id))
                    .collect::<Vec<_>>()
                    .join(" vs ");
                let id = format!("{}.end", event.id.trim_end_matches(".start"));
                out.push(marker(
                    format!("End of fight: {names}"),
                    "PURPLE",
                    end,
                    fps,
                    id,
                ));
            }
            EventKind::Scene
            | EventKind::Montage
            | EventKind::Corner
            | EventKind::RoundsMontage
            | EventKind::Exchange
            | EventKind::Action
            | EventKind::Dialogue
            | EventKind::Shot
            | EventKind::Sound
            | EventKind::Note
            | EventKind::Pause
            | EventKind::Transition
            | EventKind::Move
            | EventKind::Referee
            | EventKind::Up
            | EventKind::Towel => {}
        }
    }
    out
}

/// The OpenTimelineIO document for `timeline`.
pub fn export<'a>(timeline: &'a Timeline<'a>, options: Options) -> Otio<'a> {
    let fps = timeline.fps;
    // Group the events by track, each track's list made at its size
    // (counted first: doubling held up to twice the clips).
    let mut counts: std::collections::HashMap<TimelineTrack, usize> =
        std::collections::HashMap::new();
    for i in 0..timeline.len() {
        if let Some(track) = timeline.placement(i).track {
            *counts.entry(track).or_default() += 1;
        }
    }
    let mut by_track: std::collections::HashMap<TimelineTrack, Vec<Clip>> = counts
        .into_iter()
        .map(|(track, count)| (track, Vec::with_capacity(count)))
        .collect();
    for i in 0..timeline.len() {
        let placement = timeline.placement(i);
        if let Some(track) = placement.track {
            by_track.entry(track).or_default().push(Clip {
                event: u32::try_from(i).unwrap_or(u32::MAX),
                start: placement.screen.start_frame,
                frames: placement.screen.duration_frames,
            });
        }
    }
    // The tracks, in order: picture, then dialogue, then sound, each by
    // number.
    let mut names: Vec<TimelineTrack> = by_track.keys().copied().collect();
    names.sort_unstable();
    let mut tracks = Vec::new();
    let track = |name: String, kind, events| Track {
        name,
        kind,
        timeline,
        events,
        fps,
        media: options.media,
        pad_to: 0,
    };
    // A timeline with no picture (all dialogue) still has a picture track,
    // one gap long: the EDL and Final Cut Pro X adapters read it first.
    let length = crate::export::timeline::frame(timeline.screen_duration_ms, timeline.rate);
    let blank_picture = || Track {
        pad_to: length,
        ..track("Video 1".into(), "Video", Vec::new())
    };
    match options.tracks {
        Tracks::Layered => {
            for &name in &names {
                let mut events = by_track.remove(&name).unwrap_or_default();
                events.sort_unstable_by_key(|c| (c.start, c.event));
                let kind = if name.family == Family::Video {
                    "Video"
                } else {
                    "Audio"
                };
                tracks.push(track(name.to_string(), kind, events));
            }
            if !tracks.iter().any(|t| t.kind == "Video") {
                tracks.insert(0, blank_picture());
            }
        }
        Tracks::Single => {
            let (mut video, mut audio) = (Vec::new(), Vec::new());
            for &name in &names {
                let events = by_track.remove(&name).unwrap_or_default();
                if name.family == Family::Video {
                    video.extend(events);
                } else {
                    audio.extend(events);
                }
            }
            tracks.push(if video.is_empty() {
                blank_picture()
            } else {
                track("Video 1".into(), "Video", flatten(video))
            });
            tracks.push(track("Audio 1".into(), "Audio", flatten(audio)));
        }
    }
    // Every track runs to the timeline's end, gaps after its last clip:
    // Final Cut Pro X's adapter fails on tracks of unequal length.
    let end = tracks
        .iter()
        .flat_map(|t| t.events.iter().map(|c| c.start + c.frames))
        .fold(length, u64::max);
    for track in &mut tracks {
        track.pad_to = end;
    }
    let markers = markers(timeline);
    let name = if options.use_title {
        timeline
            .title
            .clone()
            .unwrap_or_else(|| "bout timeline".into())
    } else {
        "bout timeline".into()
    };
    Otio {
        schema: "Timeline.1",
        metadata: TimelineMeta { bout: Fps { fps } },
        name,
        global_start_time: None,
        tracks: Stack {
            schema: "Stack.1",
            metadata: Empty {},
            name: "tracks",
            source_range: None,
            effects: [],
            markers,
            enabled: true,
            color: None,
            children: tracks,
        },
    }
}
