"""Reads bout's exports with third-party readers, as the test suite asks.

Usage: check_timeline.py SCHEMA TIMELINE.json TIMELINE.otio GRAPH.json

- the timeline JSON validates against the committed JSON Schema (jsonschema);
- OpenTimelineIO loads the .otio; every track's clip count and duration, the
  timeline's total duration and its markers agree with the JSON.
Prints one line of facts and exits non-zero on any disagreement.
"""

import json
import sys

import jsonschema
import opentimelineio as otio


def main(schema_path, json_path, otio_path, graph_path):
    schema = json.load(open(schema_path))
    timeline = json.load(open(json_path))
    jsonschema.validate(timeline, schema)

    fps = timeline["fps"]
    expected = {}
    for event in timeline["events"]:
        track = event["track"]
        if track is None:
            continue
        screen = event["screen"]
        end = screen["start_frame"] + screen["duration_frames"]
        count, last = expected.get(track, (0, 0))
        expected[track] = (count + 1, max(last, end))

    t = otio.adapters.read_from_file(otio_path)
    assert isinstance(t, otio.schema.Timeline), type(t)
    got = {}
    for track in t.tracks:
        clips = [c for c in track if isinstance(c, otio.schema.Clip)]
        # A timeline with no picture has a picture track of one gap (the
        # EDL and Final Cut Pro X adapters read it first): no clip of its own.
        if not clips and track.name == "Video 1" and "Video 1" not in expected:
            continue
        last = clips[-1] if clips else None
        end = (
            round(track.range_of_child(last).end_time_exclusive().to_frames())
            if last
            else 0
        )
        got[track.name] = (len(clips), end)
        for clip in clips:
            assert clip.duration().rate == fps, clip.duration()
    assert got == expected, f"tracks differ: otio {got} vs json {expected}"

    # Every track runs to the timeline's end (gaps after its last clip):
    # Final Cut Pro X's adapter fails on tracks of unequal length.
    total = max((end for _, end in expected.values()), default=0)
    assert round(t.duration().to_frames()) >= total, (t.duration(), total)
    lengths = {round(track.duration().to_frames()) for track in t.tracks}
    assert lengths == {round(t.duration().to_frames())}, lengths
    rounds = sum(1 for e in timeline["events"] if e["kind"] == "round")
    bells = sum(1 for e in timeline["events"] if e["kind"] == "bell")
    fights = sum(1 for e in timeline["events"] if e["kind"] == "fight")
    markers = t.tracks.markers
    names = [m.name for m in markers]
    assert sum(1 for n in names if n.startswith("Round ")) == rounds, names
    assert sum(1 for n in names if n.startswith("Bell")) == bells, names
    assert sum(1 for n in names if n.startswith("End of fight")) == fights, names

    graph = json.load(open(graph_path))
    ids = [n["id"] for n in graph["nodes"]]
    assert len(ids) == len(set(ids)), "graph node ids repeat"
    for edge in graph["edges"]:
        assert edge["from"] in ids and edge["to"] in ids, edge
        assert edge["kind"] in ("sequence", "cause", "simultaneous", "after"), edge

    print(
        f"ok: {len(timeline['events'])} events, tracks {sorted(got.items())}, "
        f"{total} frames, {len(markers)} markers, {len(graph['edges'])} edges"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
