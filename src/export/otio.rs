//! OpenTimelineIO (`Timeline.1`): picture tracks of the beats in screen
//! order, audio tracks for dialogue and sound, markers for round starts,
//! bells, knockdowns and the end of each fight. Durations are the timeline's
//! screen times at its frame rate.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::timeline::{EventKind, Timeline, TimelineEvent};

/// Options of the OpenTimelineIO export.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Name the timeline after the script's title (else "bout timeline").
    pub use_title: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { use_title: true }
    }
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

fn time(frames: u64, fps: u32) -> Time {
    Time {
        schema: "RationalTime.1",
        rate: f64::from(fps),
        value: frames as f64,
    }
}

fn range(start: u64, duration: u64, fps: u32) -> Range {
    Range {
        schema: "TimeRange.1",
        duration: time(duration, fps),
        start_time: time(start, fps),
    }
}

/// An empty JSON object (`{}`).
#[derive(Serialize)]
struct Empty {}

/// A track's child: a gap or a clip.
enum Item<'a> {
    Gap(u64),
    Clip(&'a TimelineEvent),
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
}

#[derive(Serialize)]
struct MissingReference {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    available_image_bounds: Option<()>,
    available_range: Option<()>,
    metadata: Empty,
    name: &'static str,
}

#[derive(Serialize)]
struct References {
    #[serde(rename = "DEFAULT_MEDIA")]
    default: MissingReference,
}

struct ItemContext<'a> {
    item: Item<'a>,
    fps: u32,
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
            Item::Clip(event) => {
                let mut map = serializer.serialize_map(Some(10))?;
                map.serialize_entry("OTIO_SCHEMA", "Clip.2")?;
                map.serialize_entry("active_media_reference_key", "DEFAULT_MEDIA")?;
                map.serialize_entry("color", &None::<()>)?;
                map.serialize_entry("effects", &no_markers)?;
                map.serialize_entry("enabled", &true)?;
                map.serialize_entry("markers", &no_markers)?;
                map.serialize_entry(
                    "media_references",
                    &References {
                        default: MissingReference {
                            schema: "MissingReference.1",
                            available_image_bounds: None,
                            available_range: None,
                            metadata: Empty {},
                            name: "",
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
                    },
                )?;
                map.serialize_entry("name", &event.text)?;
                map.serialize_entry("source_range", &range(0, event.screen.duration_frames, fps))?;
                map.end()
            }
        }
    }
}

#[derive(Serialize)]
struct BoutId<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct MarkerMeta<'a> {
    bout: BoutId<'a>,
}

#[derive(Serialize)]
struct Marker<'a> {
    #[serde(rename = "OTIO_SCHEMA")]
    schema: &'static str,
    color: &'static str,
    comment: &'static str,
    marked_range: Range,
    metadata: MarkerMeta<'a>,
    name: String,
}

fn marker<'a>(name: String, color: &'static str, at: u64, fps: u32, id: &'a str) -> Marker<'a> {
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

/// One track: its clips and the gaps between them, made as they are
/// written.
struct Track<'a> {
    name: String,
    kind: &'static str,
    events: Vec<&'a TimelineEvent>,
    fps: u32,
}

/// The children of a track, gaps made on the fly.
struct Children<'t, 'a>(&'t Track<'a>);

impl Serialize for Children<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let track = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        let mut at = 0u64;
        for &event in &track.events {
            if event.screen.start_frame > at {
                seq.serialize_element(&ItemContext {
                    item: Item::Gap(event.screen.start_frame - at),
                    fps: track.fps,
                })?;
            }
            seq.serialize_element(&ItemContext {
                item: Item::Clip(event),
                fps: track.fps,
            })?;
            at = event.screen.start_frame + event.screen.duration_frames;
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
    markers: Vec<Marker<'a>>,
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
    fps: u32,
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

/// The track names of the timeline, in order: picture, then dialogue, then
/// sound.
fn track_names(timeline: &Timeline) -> Vec<String> {
    let mut names: Vec<String> = timeline
        .events
        .iter()
        .filter_map(|e| e.track.as_deref())
        .collect::<std::collections::HashSet<&str>>()
        .into_iter()
        .map(str::to_owned)
        .collect();
    names.sort_by_key(|n| {
        let family = if n.starts_with("Video") {
            0
        } else if n.starts_with("Dialogue") {
            1
        } else {
            2
        };
        let number: u32 = n
            .rsplit(' ')
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        (family, number)
    });
    names.dedup();
    names
}

/// The OpenTimelineIO document for `timeline`.
pub fn export(timeline: &Timeline, options: Options) -> Otio<'_> {
    let fps = timeline.fps;
    // Group the events by track in one pass.
    let mut by_track: std::collections::HashMap<&str, Vec<&TimelineEvent>> =
        std::collections::HashMap::new();
    for e in &timeline.events {
        if let Some(track) = e.track.as_deref() {
            by_track.entry(track).or_default().push(e);
        }
    }
    let mut tracks = Vec::new();
    for name in track_names(timeline) {
        let mut events = by_track.remove(name.as_str()).unwrap_or_default();
        events.sort_by_key(|e| e.screen.start_frame);
        let kind = if name.starts_with("Video") {
            "Video"
        } else {
            "Audio"
        };
        tracks.push(Track {
            name,
            kind,
            events,
            fps,
        });
    }
    let mut markers = Vec::new();
    for event in &timeline.events {
        let start = event.screen.start_frame;
        match event.kind {
            EventKind::Round => {
                markers.push(marker(event.text.clone(), "GREEN", start, fps, &event.id));
            }
            EventKind::Bell => markers.push(marker(
                format!("Bell ({})", event.id),
                "YELLOW",
                start,
                fps,
                &event.id,
            )),
            EventKind::Reaction if event.text.contains(" down") || event.text.contains(" out") => {
                markers.push(marker(
                    format!("Knockdown: {}", event.text),
                    "RED",
                    start,
                    fps,
                    &event.id,
                ));
            }
            EventKind::Fight => {
                let end = start + event.screen.duration_frames;
                markers.push(marker(
                    format!("End of fight: {}", event.text),
                    "PURPLE",
                    end,
                    fps,
                    &event.id,
                ));
            }
            _ => {}
        }
    }
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
