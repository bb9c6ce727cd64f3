"""Reads bout's screenplay exports back with third-party readers.

Usage:
  check_screenplay.py fountain FILE.fountain EXPECTED.txt
  check_screenplay.py fdx FILE.fdx EXPECTED.txt

EXPECTED.txt holds one element a line, as bout meant it: `Slug TEXT`,
`Action`, `Dialog CUE`, `DualDialog CUE|CUE`, `Transition TEXT`, `Lyric`,
`Section`, `PageBreak` (which each reader shows as it can). Fountain is
parsed with screenplain; FDX with the standard XML parser. Exits non-zero
with the first difference.
"""

import sys
import xml.etree.ElementTree as ET


def expected(path):
    return [line.rstrip("\n") for line in open(path, encoding="utf-8") if line.strip()]


def fountain(path):
    from screenplain.parsers import fountain as parser
    from screenplain import types

    play = parser.parse(open(path, encoding="utf-8"))
    got = []
    for p in play.paragraphs:
        if isinstance(p, types.Slug):
            got.append("Slug " + str(p.line))
        elif isinstance(p, types.Action):
            got.append("Action")
        elif isinstance(p, types.DualDialog):
            got.append("DualDialog " + str(p.left.character) + "|" + str(p.right.character))
        elif isinstance(p, types.Dialog):
            got.append("Dialog " + str(p.character))
        elif isinstance(p, types.Transition):
            got.append("Transition " + str(p.line))
        else:
            got.append(type(p).__name__)
    return got, play.title_page


def fdx(path):
    root = ET.parse(path).getroot()
    assert root.tag == "FinalDraft", root.tag
    allowed = {"Scene Heading", "Action", "Character", "Parenthetical", "Dialogue", "Transition", "Shot",
               "Lyrics", "Text"}
    got = []
    content = root.find("Content")
    for p in content:
        dual = p.find("DualDialogue")
        if dual is not None:
            cues = [q.findtext("Text") for q in dual if q.get("Type") == "Character"]
            got.append("DualDialogue " + "|".join(cues))
            continue
        if p.find("ScriptNote") is not None:
            continue  # a production note, not a screenplay element
        kind = p.get("Type")
        assert kind in allowed, kind
        text = "".join(t.text or "" for t in p.findall("Text"))
        if kind == "Scene Heading":
            got.append("Slug " + text)
        elif kind in ("Action", "Shot"):
            got.append("Action")
        elif kind == "Character":
            got.append("Dialog " + text)
        elif kind == "Transition":
            got.append("Transition " + text)
        elif kind == "Lyrics":
            got.append("Lyric")
    title = root.find("TitlePage")
    assert title is not None and len(title.findall(".//Paragraph")) > 0, "no title page"
    return got, None


def main(kind, path, expected_path):
    want = expected(expected_path)
    got, _ = fountain(path) if kind == "fountain" else fdx(path)
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            sys.exit(f"{kind}: element {i + 1}: read back as {g!r}, meant {w!r}")
    if len(got) != len(want):
        sys.exit(f"{kind}: {len(got)} elements read back, {len(want)} meant")
    print(f"ok: {len(got)} elements")


if __name__ == "__main__":
    main(*sys.argv[1:])
