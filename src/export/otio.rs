//! OpenTimelineIO (`Timeline.1`): picture tracks of the beats in screen
//! order, audio tracks for dialogue and sound, markers for round starts,
//! bells, knockdowns and the end of each fight. Durations are the timeline's
//! screen times at its frame rate.

use serde_json::{Value, json};

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

fn time(frames: u64, fps: u32) -> Value {
    json!({ "OTIO_SCHEMA": "RationalTime.1", "rate": f64::from(fps), "value": frames as f64 })
}

fn range(start: u64, duration: u64, fps: u32) -> Value {
    json!({ "OTIO_SCHEMA": "TimeRange.1", "duration": time(duration, fps), "start_time": time(start, fps) })
}

fn gap(frames: u64, fps: u32) -> Value {
    json!({
        "OTIO_SCHEMA": "Gap.1",
        "metadata": {},
        "name": "",
        "source_range": range(0, frames, fps),
        "effects": [],
        "markers": [],
        "enabled": true,
        "color": null,
    })
}

fn clip(event: &TimelineEvent, fps: u32) -> Value {
    json!({
        "OTIO_SCHEMA": "Clip.2",
        "metadata": { "bout": { "id": event.id, "kind": event.kind, "lane": event.lane, "line": event.line } },
        "name": event.text,
        "source_range": range(0, event.screen.duration_frames, fps),
        "effects": [],
        "markers": [],
        "enabled": true,
        "color": null,
        "media_references": {
            "DEFAULT_MEDIA": {
                "OTIO_SCHEMA": "MissingReference.1",
                "metadata": {},
                "name": "",
                "available_range": null,
                "available_image_bounds": null,
            }
        },
        "active_media_reference_key": "DEFAULT_MEDIA",
    })
}

fn marker(name: &str, color: &str, at: u64, fps: u32, id: &str) -> Value {
    json!({
        "OTIO_SCHEMA": "Marker.2",
        "metadata": { "bout": { "id": id } },
        "name": name,
        "color": color,
        "marked_range": range(at, 0, fps),
        "comment": "",
    })
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
pub fn export(timeline: &Timeline, options: Options) -> Value {
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
        let mut children = Vec::new();
        let mut at = 0u64;
        let mut events = by_track.remove(name.as_str()).unwrap_or_default();
        events.sort_by_key(|e| e.screen.start_frame);
        for event in events {
            if event.screen.start_frame > at {
                children.push(gap(event.screen.start_frame - at, fps));
            }
            children.push(clip(event, fps));
            at = event.screen.start_frame + event.screen.duration_frames;
        }
        let kind = if name.starts_with("Video") {
            "Video"
        } else {
            "Audio"
        };
        tracks.push(json!({
            "OTIO_SCHEMA": "Track.1",
            "metadata": {},
            "name": name,
            "source_range": null,
            "effects": [],
            "markers": [],
            "enabled": true,
            "color": null,
            "children": children,
            "kind": kind,
        }));
    }
    let mut markers = Vec::new();
    for event in &timeline.events {
        let start = event.screen.start_frame;
        match event.kind {
            EventKind::Round => markers.push(marker(&event.text, "GREEN", start, fps, &event.id)),
            EventKind::Bell => markers.push(marker(
                &format!("Bell ({})", event.id),
                "YELLOW",
                start,
                fps,
                &event.id,
            )),
            EventKind::Reaction if event.text.contains(" down") || event.text.contains(" out") => {
                markers.push(marker(
                    &format!("Knockdown: {}", event.text),
                    "RED",
                    start,
                    fps,
                    &event.id,
                ));
            }
            EventKind::Fight => {
                let end = start + event.screen.duration_frames;
                markers.push(marker(
                    &format!("End of fight: {}", event.text),
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
    json!({
        "OTIO_SCHEMA": "Timeline.1",
        "metadata": { "bout": { "fps": fps } },
        "name": name,
        "global_start_time": null,
        "tracks": {
            "OTIO_SCHEMA": "Stack.1",
            "metadata": {},
            "name": "tracks",
            "source_range": null,
            "effects": [],
            "markers": markers,
            "enabled": true,
            "color": null,
            "children": tracks,
        },
    })
}
