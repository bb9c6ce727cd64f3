"""Converts bout's OpenTimelineIO through the adapters editors use and reads
each result back: what every format can carry must survive.

Usage: check_otio_adapters.py LAYERED.otio SINGLE.otio

LAYERED.otio is `bout timeline --to otio` (any frame rate); SINGLE.otio the
same with `--tracks single`, for the EDL. For each adapter the clips must
come back, with their names and durations (compared as multisets: some
formats reorder tracks), and the markers where the format keeps them:

| adapter   | clips, names, durations | markers |
|-----------|-------------------------|---------|
| fcp_xml   | yes                     | yes     |
| fcpx_xml  | yes                     | no (the adapter writes none for a stack) |
| kdenlive  | yes                     | yes     |
| xges      | yes (names made unique with `_1`, `_2`: the format's rule) | yes |
| AAF       | yes                     | no (the adapter writes none) |
| cmx_3600  | the video track's, from SINGLE (one video track) | no |
| svg       | written (OTIO's own picture) | — |

Exits non-zero listing every loss.
"""

import collections
import re
import sys
import tempfile
import warnings

import opentimelineio as otio

warnings.simplefilter("ignore")  # kdenlive's adapter announces its deprecation

failures = []


def names(clips):
    return collections.Counter(c.name for c in clips)


def durations(clips):
    return sorted(c.duration().to_seconds() for c in clips)


def markers(timeline):
    found = list(timeline.tracks.markers)
    for track in timeline.tracks:
        found.extend(track.markers)
    return collections.Counter(m.name for m in found)


def same_lengths(where, got, want, fps):
    """Durations as multisets, each within a frame (an EDL counts NTSC
    time in whole frames of timecode)."""
    if len(got) != len(want) or any(abs(a - b) > 1.01 / fps for a, b in zip(got, want)):
        pairs = [(round(a, 3), round(b, 3)) for a, b in zip(got, want) if abs(a - b) > 1.01 / fps][:3]
        failures.append(f"{where}: clip durations differ (got, meant): {pairs}")


def compare(where, what, got, want):
    if got != want:
        lost = list((want - got).items())[:3]
        extra = list((got - want).items())[:3]
        failures.append(f"{where}: {what} differ: lost {lost}, gained {extra}")


def round_trip(timeline, adapter, suffix, directory, **read):
    path = f"{directory}/out.{suffix}"
    otio.adapters.write_to_file(timeline, path, adapter_name=adapter)
    return otio.adapters.read_from_file(path, adapter_name=adapter, **read)


def main(layered_path, single_path):
    layered = otio.adapters.read_from_file(layered_path)
    single = otio.adapters.read_from_file(single_path)
    clips = list(layered.find_clips())
    fps = clips[0].duration().rate if clips else 24.0
    # The Final Cut Pro X adapter knows NTSC rates only as the keys of its
    # table (23.98, 29.97, 59.94): OTIO's 24000/1001 is not one of them.
    fcpx_rates = {23.98, 24, 25, 29.97, 30, 50, 59.94, 60}
    for clip in clips:
        ref = clip.media_reference
        if ref.available_range is None:
            failures.append(f"{layered_path}: clip {clip.name!r} has no available_range")
    with tempfile.TemporaryDirectory() as directory:
        for adapter, suffix, keeps_markers in [
            ("fcp_xml", "xml", True),
            ("fcpx_xml", "fcpxml", False) if fps in fcpx_rates else (None, None, None),
            ("kdenlive", "kdenlive", True),
            ("xges", "xges", True),
            ("AAF", "aaf", False),
        ]:
            if adapter is None:
                print(f"note: {layered_path}: fcpx_xml skipped at {fps} fps (the adapter's table has no such rate)")
                continue
            where = f"{layered_path} via {adapter}"
            try:
                back = round_trip(layered, adapter, suffix, directory)
            except Exception as e:  # noqa: BLE001 - every adapter is reported
                failures.append(f"{where}: {type(e).__name__}: {str(e)[:200]}")
                continue
            got = list(back.find_clips())
            if len(got) != len(clips):
                failures.append(f"{where}: {len(got)} clips back of {len(clips)}")
            got_names = names(got)
            if adapter == "xges":
                got_names = collections.Counter(re.sub(r"_\d+$", "", n) for n in got_names.elements())
            compare(where, "clip names", got_names, names(clips))
            same_lengths(where, durations(got), durations(clips), fps)
            if keeps_markers:
                compare(where, "markers", markers(back), markers(layered))
        try:
            otio.adapters.write_to_file(layered, f"{directory}/out.svg", adapter_name="svg")
        except Exception as e:  # noqa: BLE001
            failures.append(f"{layered_path} via svg: {type(e).__name__}: {str(e)[:200]}")
        where = f"{single_path} via cmx_3600"
        video = [c for t in single.tracks if t.kind == "Video" for c in t.find_clips()]
        try:
            # An EDL holds timecode, not its rate: it is read at the rate
            # it was written at.
            back = round_trip(single, "cmx_3600", "edl", directory, rate=fps)
            got = [c for t in back.tracks if t.kind == "Video" for c in t.find_clips()]
            if len(got) != len(video):
                failures.append(f"{where}: {len(got)} video clips back of {len(video)}")
            compare(where, "clip names", names(got), names(video))
            same_lengths(where, durations(got), durations(video), fps)
            # One reel per clip, so that an editor relinks event by event.
            with open(f"{directory}/out.edl") as edl:
                reels = [line.split()[1] for line in edl if line[:3].isdigit()]
            if len(set(reels)) != len(reels):
                failures.append(f"{where}: reels repeat: {collections.Counter(reels).most_common(2)}")
        except Exception as e:  # noqa: BLE001
            failures.append(f"{where}: {type(e).__name__}: {str(e)[:200]}")
    if failures:
        sys.exit("\n".join(failures))
    print(f"ok: {layered_path}: {len(clips)} clips through fcp_xml, fcpx_xml, kdenlive, xges, AAF, svg; "
          f"{len(video)} through cmx_3600")


if __name__ == "__main__":
    main(*sys.argv[1:])
