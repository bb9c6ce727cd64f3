"""Reads bout's FDX back with two Final Draft readers from PyPI, and its
Fountain with screenplain.

Usage: check_fdx.py DIR ROOT

DIR holds, for each case STEM, STEM.meant.json (what bout meant: the title
page and the elements in order, as tests/readers.rs writes it), STEM.fdx
and STEM.fountain. Each FDX must read back, through each reader, as exactly
the elements meant — every scene heading, action paragraph and shot, every
speech with its cue, parenthetical and every line of its dialogue, every
transition, every part of a fight table with every row — and:

- screenplay-tools (0.0.10, `screenplay_tools.fdx.parser`) reads the
  `Content` paragraphs in order. It does not look inside a paragraph, so a
  dual-dialogue pair (a `General` paragraph holding a `DualDialogue`, as
  Final Draft writes it) reads as one empty action, and a script note's
  paragraph as another: exactly one each, where they stand;
- open-fdx-toolkit (0.1.0, `fdx_parser`) reads scene by scene from the
  first scene heading (it drops what comes before), with each dual pair
  (both cues and both speeches) and each script note.

The XML itself is checked for what Final Draft writes beside the content:
one `Text` per body paragraph, an `ElementSettings` for every paragraph
type used, a `PageLayout` with its page size, a title page whose title is
centred and whose contact sits on the left and draft on the right.

Prints one line per reader with what it read (elements, dual pairs, lines
of multi-line speeches, table rows) and exits non-zero listing every
disagreement. Without a reader installed it fails under CI and otherwise
says loudly that it skipped.
"""

import glob
import json
import re
import os
import sys
import xml.etree.ElementTree as ET

failures = []
counts = {"elements": 0, "dual pairs": 0, "speech lines": 0, "table rows": 0, "opening transitions": 0}


def fail(case, what):
    failures.append(f"{case}: {what}")


TOGGLES = re.compile("[\ue020-\ue025]")


def plain(text):
    """A meant string without bout's emphasis toggles."""
    return TOGGLES.sub("", text)


def first_run(text):
    """The first run of emphasis in a meant string (screenplay-tools reads
    only a paragraph's first `Text`)."""
    runs = [r for r in TOGGLES.split(text) if r]
    return runs[0] if runs else ""


def lines(text):
    """The lines of `text` as bout writes them into one FDX `Text`: split
    at line feeds, a final one dropped."""
    parts = plain(text).split("\n")
    if text.endswith("\n"):
        parts.pop()
    return "\n".join(parts)


def paren(p):
    return None if p is None else f"({p.strip('()')})"


# ------------------------------------------------------- screenplay-tools

def screenplay_tools_view(path):
    from screenplay_tools.fdx.parser import Parser

    script = Parser().parse(open(path, encoding="utf-8").read())
    got = []
    for e in script.elements:
        kind = e.type.value
        if kind == "CHARACTER":
            got.append((kind, e.name + (f" ({e.extension})" if e.extension else "")))
        elif kind == "PARENTHETICAL":
            got.append((kind, f"({e.text_raw})"))
        else:
            got.append((kind, e.text_raw))
    return got


def screenplay_tools_meant(meant):
    want = []

    def speech(s):
        want.append(("CHARACTER", s["cue"]))
        if s["parenthetical"] is not None:
            want.append(("PARENTHETICAL", paren(s["parenthetical"])))
        want.append(("DIALOGUE", lines(first_run(s["text"]))))
        for p, text in s.get("more", []):
            want.append(("PARENTHETICAL", paren(p)))
            want.append(("DIALOGUE", lines(first_run(text))))

    for e in meant["elements"]:
        kind = e["kind"]
        if kind == "Slug" or kind == "Shot":
            want.append(("HEADING", e["text"]))  # it reads a Shot as a heading
        elif kind == "Action":
            want.append(("ACTION", lines(first_run(e["text"]))))
        elif kind == "Transition":
            want.append(("TRANSITION", e["text"]))
        elif kind == "Dialog":
            speech(e["speech"])
        elif kind in ("DualDialog", "Note"):
            want.append(("ACTION", ""))  # the holding paragraph, read as empty
        elif kind == "Centered":
            want.append(("ACTION", lines(first_run(e["text"]))))
        elif kind == "Lyric":
            want.append(("ACTION", lines(first_run(e["text"]))))  # it has no lyrics
        # Page breaks are an attribute; sections and synopses are not written.
    return want


# ------------------------------------------------------- open-fdx-toolkit

def toolkit_view(path):
    from fdx_parser import parse_file

    got = []
    for scene in parse_file(path):
        got.append(("Scene Heading", scene.slugline))
        got.extend((p.type, p.text) for p in scene.paragraphs)
        got.extend(
            ("pair", (d.character_a, d.dialogue_a, d.character_b, d.dialogue_b))
            for d in scene.dual_dialogue_pairs
        )
        got.extend(("note", n.text) for n in scene.script_notes)
    return got


def toolkit_meant(meant):
    """What open-fdx-toolkit should find: from the first scene heading on,
    each scene's paragraphs, then its dual pairs, then its notes."""
    want = []
    scene = None
    elements = meant["elements"]
    first = next((i for i, e in enumerate(elements) if e["kind"] == "Slug"), len(elements))
    for e in elements[first:]:
        kind = e["kind"]
        if kind == "Slug":
            if scene is not None:
                want.extend(scene["paras"] + scene["pairs"] + scene["notes"])
            want.append(("Scene Heading", e["text"].strip()))
            scene = {"paras": [], "pairs": [], "notes": []}
        elif kind in ("Action", "Shot", "Transition"):
            scene["paras"].append((kind, lines(e["text"]).strip()))
        elif kind == "Centered":
            scene["paras"].append(("Action", lines(e["text"]).strip()))
        # It drops paragraphs of types it does not know, Lyrics among them.
        elif kind == "Dialog":
            s = e["speech"]
            scene["paras"].append(("Character", s["cue"].strip()))
            if s["parenthetical"] is not None:
                scene["paras"].append(("Parenthetical", paren(s["parenthetical"])))
            scene["paras"].append(("Dialogue", lines(s["text"]).strip()))
            for p, text in s.get("more", []):
                scene["paras"].append(("Parenthetical", paren(p)))
                scene["paras"].append(("Dialogue", lines(text).strip()))
        elif kind == "DualDialog":
            left, right = e["left"], e["right"]
            scene["paras"].append(("General", ""))
            scene["pairs"].append(("pair", (
                left["cue"].strip(), lines(left["text"]).strip(),
                right["cue"].strip(), lines(right["text"]).strip(),
            )))
        elif kind == "Note":
            scene["notes"].append(("note", lines(e["text"]).strip()))
    if scene is not None:
        want.extend(scene["paras"] + scene["pairs"] + scene["notes"])
    return want


# ------------------------------------------------------- the XML itself

def structure(case, path, meant):
    root = ET.parse(path).getroot()
    used = set()
    for p in root.find("Content").iter("Paragraph"):
        if p.find("DualDialogue") is not None or p.find("ScriptNote") is not None:
            continue
        if p.get("Type") is None:
            continue  # inside a script note
        used.add(p.get("Type"))
        texts = p.findall("Text")
        # One run, or one per run of emphasis.
        if not texts or (len(texts) > 1 and not any(t.get("Style") for t in texts)):
            fail(case, f"fdx: a {p.get('Type')} paragraph has {len(texts)} Text runs")
    for p in root.find("Content"):
        dual = p.find("DualDialogue")
        if dual is not None and p.get("Type") != "General":
            fail(case, f"fdx: DualDialogue held by a {p.get('Type')!r} paragraph, not General")
    settings = {s.get("Type") for s in root.findall("ElementSettings")}
    if not used <= settings:
        fail(case, f"fdx: no ElementSettings for {sorted(used - settings)}")
    for s in root.findall("ElementSettings"):
        spec = s.find("ParagraphSpec")
        if spec is None or s.find("FontSpec") is None or spec.get("LeftIndent") is None:
            fail(case, f"fdx: ElementSettings {s.get('Type')} lacks its specs")
    # `FADE IN:` stands at the left margin: its paragraph is aligned left
    # from the Action indent (Final Draft honours a paragraph's own
    # alignment and indents); other transitions keep their settings.
    action = next((s.find("ParagraphSpec") for s in root.findall("ElementSettings")
                   if s.get("Type") == "Action"), None)
    opening = {e["text"] for e in meant["elements"] if e["kind"] == "Transition" and e.get("opening")}
    for p in root.find("Content").iter("Paragraph"):
        if p.get("Type") != "Transition":
            continue
        text = "".join(p.itertext()).strip()
        if text in opening:
            counts["opening transitions"] += 1
            left = action.get("LeftIndent") if action is not None else None
            if p.get("Alignment") != "Left" or p.get("LeftIndent") != left:
                fail(case, f"fdx: {text!r} aligned {p.get('Alignment')!r} from {p.get('LeftIndent')!r}, "
                           f"meant Left from the Action indent {left!r}")
        elif p.get("Alignment") is not None:
            fail(case, f"fdx: the transition {text!r} carries Alignment={p.get('Alignment')!r}")
    # The version of the Final Draft file this structure was checked against
    # (docs/screenplay.md).
    if root.get("Version") != "3":
        fail(case, f"fdx: Version={root.get('Version')!r}, meant \"3\" as docs/screenplay.md says")
    size = root.find("PageLayout/PageSize")
    if size is None or not size.get("Width") or not size.get("Height"):
        fail(case, "fdx: no PageLayout page size")
    if not meant["title_page"]:
        return
    paras = [p for p in root.find("TitlePage/Content") if "".join(p.itertext()).strip()]
    align = {"".join(p.itertext()).strip(): p.get("Alignment") for p in paras}
    for key, value in meant["title_page"]:
        want = {"Title": "Center", "Credit": "Center", "Author": "Center", "Source": "Center",
                "Contact": "Left", "Copyright": "Left", "Draft": "Right", "Notes": "Right"}[key]
        for line in plain(value).split("\n"):
            line = line.strip().upper() if key == "Title" else line.strip()
            if line and align.get(line) != want:
                fail(case, f"fdx: title page {key} line {line!r} aligned {align.get(line)!r}, meant {want}")
    if len(root.find("TitlePage/Content")) <= len(paras):
        fail(case, "fdx: the title page has no spacing paragraphs")


def compare(case, reader, got, want):
    if got == want:
        return True
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            fail(case, f"{reader}: element {i + 1} reads {a!r}, meant {b!r}")
            return False
    fail(case, f"{reader}: {len(got)} elements read, {len(want)} meant: {got[len(want):] or want[len(got):]}")
    return False


def tally(meant):
    for e in meant["elements"]:
        counts["elements"] += 1
        if e["kind"] == "DualDialog":
            counts["dual pairs"] += 1
        if e["kind"] == "Dialog" and "\n" in e["speech"]["text"].strip():
            counts["speech lines"] += len(e["speech"]["text"].strip().split("\n"))
        if e.get("rows"):
            counts["table rows"] += len(e["text"].split("\n"))


def main(directory, root):
    try:
        import fdx_parser  # noqa: F401
        import screenplay_tools.fdx.parser  # noqa: F401
    except ImportError as e:
        message = f"the FDX readers are not installed ({e}): run tests/run.sh"
        if os.environ.get("CI"):
            sys.exit(message)
        print(f"SKIPPED (LOUDLY): {message}")
        return
    sys.path.insert(0, os.path.join(root, "tests/interop"))
    import check_payloads

    cases = sorted(glob.glob(os.path.join(directory, "*.meant.json")))
    assert cases, f"no cases in {directory}"
    read = {"screenplay-tools": 0, "open-fdx-toolkit": 0}
    for meant_path in cases:
        stem = meant_path[: -len(".meant.json")]
        case = os.path.basename(stem)
        meant = json.load(open(meant_path, encoding="utf-8"))
        tally(meant)
        fdx = stem + ".fdx"
        if compare(case, "screenplay-tools", screenplay_tools_view(fdx), screenplay_tools_meant(meant)):
            read["screenplay-tools"] += 1
        if compare(case, "open-fdx-toolkit", toolkit_view(fdx), toolkit_meant(meant)):
            read["open-fdx-toolkit"] += 1
        structure(case, fdx, meant)
        check_payloads.fdx(case, meant, fdx)
        check_payloads.fountain(case, meant, stem + ".fountain")
    failures.extend(check_payloads.failures)
    if failures:
        sys.exit("\n".join(failures))
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    for reader, n in read.items():
        print(f"ok: {reader} read {n} of {len(cases)} FDX files as meant ({summary})")
    print(f"ok: screenplain read {len(cases)} Fountain files as meant")


if __name__ == "__main__":
    main(*sys.argv[1:])
