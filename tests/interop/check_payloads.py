"""Reads every payload case of tests/payloads.rs back with real readers.

Usage: check_payloads.py DIR ROOT

DIR holds, for each case STEM, STEM.meant.json (what bout meant: title page,
elements, notes) and the exports STEM.fountain, .fdx, .html, .csv, .json,
.otio, .svg, .graph.json. Each is read with a third-party reader and must
hold exactly what was meant, and nothing a payload could inject:

- Fountain (screenplain): the element kinds in order, the scene headings,
  cues, transitions, action and dialogue text, every title-page field;
  no bold or italic (screenplain honours `\\*` but not `\\_`, so underline is
  not checked here: fountain-js checks it);
- FDX (xml.etree): the paragraph types and texts, the title page's lines;
- HTML (html.parser): only the tags and attributes bout writes; no script,
  image, event handler, comment; the headings, cues, transitions and title;
- CSV (csv): no cell starts with a formula character; the texts, less the
  `'`, are the JSON's;
- SVG (xml.etree): no script, foreign object, link or event handler;
- JSON, OpenTimelineIO, graph JSON: tests/interop/check_timeline.py.

Prints one line per format and exits non-zero listing every disagreement.
"""

import csv
import glob
import html.parser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

GUARD = "\u2060"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
FOUNTAIN_KEYS = {
    "Title": "Title", "Credit": "Credit", "Author": "Author", "Source": "Source",
    "Draft": "Draft date", "Contact": "Contact", "Copyright": "Copyright", "Notes": "Notes",
}

failures = []


def fail(case, what):
    failures.append(f"{case}: {what}")


def plain(text):
    """The text of a meant string: bout's emphasis toggles (U+E020-U+E025,
    src/export/screenplay/emphasis.rs) taken out."""
    return "".join(c for c in str(text) if not "\ue020" <= c <= "\ue025")


def styled(text, kinds=(0, 1, 2)):
    """The characters of `text` set in italics (0), bold (1) or underline
    (2), those of `kinds`, white space left out, read from the toggles."""
    on = [False, False, False]
    out = []
    for c in str(text):
        if "\ue020" <= c <= "\ue025":
            k = ord(c) - 0xE020
            on[k // 2] = k % 2 == 0
        elif any(on[k] for k in kinds) and not c.isspace():
            out.append(c)
    return "".join(out)


def meant_styled(meant, kinds=(0, 1, 2), title=None):
    """Every emphasised character of the screenplay, in reading order, the
    title page's "first" or "last" (as the reader reads it) or not at all."""
    out = []
    if title:
        page = "".join(styled(v, kinds) for _, v in meant["title_page"])
        if title == "first":
            out.append(page)

    def walk(value):
        if isinstance(value, str):
            out.append(styled(value, kinds))
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    walk(meant["elements"])
    if title == "last":
        out.append(page)
    return "".join(out)


def same_emphasis(case, meant, reader, got, kinds=(0, 1, 2), title=None):
    # Case aside: a title page prints its title in capitals.
    want = meant_styled(meant, kinds, title).lower()
    got = got.lower()
    if got != want:
        fail(case, f"{reader}: emphasis on {got!r}, meant on {want!r}")


def norm(text):
    """Text as a reader shows it, for comparing: Fountain's escapes and
    guards dropped, whitespace runs made one space."""
    text = plain(text).replace(GUARD, "").replace("\u02c6", "^")
    text = text.replace("\\", "").replace("*", "").replace("_", "")
    return " ".join(text.split())


def norm_cue(text):
    return norm(text).replace("[", "(").replace("]", ")")


def lines(text):
    parts = text.split("\n")
    if text.endswith("\n"):
        parts.pop()
    return parts


# ---------------------------------------------------------------- Fountain

def fountain(case, meant, path):
    from screenplain.parsers import fountain as parser
    from screenplain import types
    from screenplain.richstring import Bold, Italic

    play = parser.parse(open(path, encoding="utf-8"))
    emphasised = []

    def rich(r, where):
        # Emphasis only where bout meant it (checked after the read). Only
        # bold and italic: screenplain reads an escaped `\_` as underline;
        # and not on the title page, which screenplain reads as plain text.
        for seg in getattr(r, "segments", ()):
            if seg.styles & {Bold, Italic}:
                emphasised.append("".join(c for c in seg.text if not c.isspace()))
        return str(r)

    got = []
    for p in play.paragraphs:
        if isinstance(p, types.Slug):
            got.append(("Slug", rich(p.line, "heading")))
        elif isinstance(p, types.Action):
            if p.centered:
                got.append(("Centered", "\n".join(rich(l, "centered") for l in p.lines)))
            else:
                got.append(("Action", "\n".join(rich(l, "action") for l in p.lines)))
        elif isinstance(p, types.DualDialog):
            got.append(("DualDialog", (dialog(case, p.left, rich), dialog(case, p.right, rich))))
        elif isinstance(p, types.Dialog):
            got.append(("Dialog", dialog(case, p, rich)))
        elif isinstance(p, types.Transition):
            got.append(("Transition", rich(p.line, "transition")))
        elif isinstance(p, types.Section):
            got.append(("Section", rich(p.text, "section")))
        elif isinstance(p, types.PageBreak):
            got.append(("PageBreak", ""))
        else:
            got.append((type(p).__name__, ""))
        # screenplain hangs a synopsis on the section or heading before it.
        if getattr(p, "synopsis", None):
            got.append(("Synopsis", p.synopsis))
    want = []
    for e in meant["elements"]:
        kind = e["kind"]
        if kind == "Transition" and e.get("opening"):
            want.append(("Action", e["text"]))  # `!FADE IN:`, flush left
        elif kind == "Slug" or kind == "Transition":
            want.append((kind, e["text"]))
        elif kind in ("Action", "Shot"):
            want.append(("Action", e["text"]))
        elif kind == "Dialog":
            want.append(("Dialog", speech(e["speech"])))
        elif kind == "DualDialog":
            want.append(("DualDialog", (speech(e["left"]), speech(e["right"]))))
        elif kind in ("Centered", "Section", "Synopsis", "PageBreak"):
            want.append((kind, e.get("text", "")))
        elif kind == "Lyric":
            want.append(("Lyric", "\n".join("~" + l.strip() for l in lines(e["text"]) if l.strip())))
    # screenplain knows no lyrics: where one was written, its `~` lines come
    # back as action, a transition or a speech; what counts is that they
    # stay `~` lines and nothing else is made of them.
    for i, ((kind, value), (meant_kind, _)) in enumerate(zip(got, want)):
        if meant_kind != "Lyric":
            continue
        if kind == "Dialog" and value[0].startswith("~"):
            got[i] = ("Lyric", " ".join([value[0]] + [v for v in value[1:] if v]))
        elif kind in ("Action", "Transition") and all(l.startswith("~") for l in value.split("\n")):
            got[i] = ("Lyric", value.replace(GUARD, ""))
    compare(case, "fountain (screenplain)", got, want)
    same_emphasis(case, meant, "fountain (screenplain)", "".join(emphasised), kinds=(0, 1))

    title = play.title_page
    for key, value in meant["title_page"]:
        name = FOUNTAIN_KEYS[key]
        if name not in title:
            fail(case, f"fountain: title page lost {name}: {sorted(title)}")
            continue
        for r in play.get_rich_attribute(name):
            rich(r, f"title page {name}")
        if norm(" ".join(title[name])) != norm(value):
            fail(case, f"fountain: title page {name} reads {title[name]!r}, meant {value!r}")
    if len(title) != len(meant["title_page"]):
        fail(case, f"fountain: title page keys {sorted(title)}")


def dialog(case, d, rich):
    """A speech as (cue, parenthetical, text, then each later parenthetical
    and its text): a parenthetical may stand in the middle of a speech."""
    cue = rich(d.character, "cue")
    parenthetical = None
    text = []
    parts = []
    for i, (is_paren, line) in enumerate(d.blocks):
        s = rich(line, "dialogue")
        if is_paren and not s.startswith("("):
            fail(case, f"fountain: dialogue line {s!r} read as part of a parenthetical")
        if is_paren and i == 0:
            parenthetical = s
        elif is_paren and i > 0 and d.blocks[i - 1][0]:
            fail(case, f"fountain: two parentheticals in a row: {s!r}")
        elif is_paren:
            parts.append([s, []])
        elif parts:
            parts[-1][1].append(s)
        else:
            text.append(s)
    out = (norm_cue(cue), norm(parenthetical or ""), norm("\n".join(text)))
    for p, said in parts:
        out += (norm(p), norm("\n".join(said)))
    return out


def speech(s):
    paren = f"({s['parenthetical'].strip('()')})" if s["parenthetical"] is not None else ""
    out = (norm_cue(s["cue"]), norm(paren), norm(s["text"]))
    for p, text in s.get("more", []):
        out += (norm(f"({p.strip('()')})"), norm(text))
    return out


def compare(case, reader, got, want):
    def show(x):
        return x if isinstance(x, (str, tuple)) else repr(x)

    g = [(k, norm(v) if isinstance(v, str) else v) for k, v in got]
    w = [(k, norm(v) if isinstance(v, str) else v) for k, v in want]
    if g != w:
        for i, (a, b) in enumerate(zip(g, w)):
            if a != b:
                fail(case, f"{reader}: element {i + 1} reads {show(a)!r}, meant {show(b)!r}")
                return
        fail(case, f"{reader}: {len(g)} elements read back, {len(w)} meant: {g[len(w):] or w[len(g):]}")


# ---------------------------------------------------------------- FDX

def fdx(case, meant, path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(case, f"fdx: not XML: {e}")
        return
    got = []
    notes = 0

    def text(p):
        return "".join(t.text or "" for t in p.findall("Text"))

    emphasised = "".join(
        "".join(c for c in (t.text or "") if not c.isspace())
        for t in root.find("Content").iter("Text")
        if set((t.get("Style") or "").split("+")) & {"Bold", "Italic", "Underline"}
    )
    same_emphasis(case, meant, "fdx", emphasised)

    for p in root.find("Content"):
        dual = p.find("DualDialogue")
        if dual is not None:
            got.append(("DualDialogue", tuple((q.get("Type"), text(q)) for q in dual)))
            continue
        if p.find("ScriptNote") is not None:
            notes += 1
            continue
        got.append((p.get("Type"), text(p)))
    want = []

    def speech_paras(s):
        out = [("Character", s["cue"])]
        if s["parenthetical"] is not None:
            out.append(("Parenthetical", f"({plain(s['parenthetical']).strip('()')})"))
        out.append(("Dialogue", "\n".join(lines(plain(s["text"])))))
        for p, text in s.get("more", []):
            out.append(("Parenthetical", f"({plain(p).strip('()')})"))
            out.append(("Dialogue", "\n".join(lines(plain(text)))))
        return out

    # Centred text is Action aligned to the centre; sections, synopses and
    # page breaks are no paragraph of their own.
    kinds = {"Slug": "Scene Heading", "Action": "Action", "Shot": "Shot", "Transition": "Transition",
             "Centered": "Action", "Lyric": "Lyrics"}
    for e in meant["elements"]:
        if e["kind"] in kinds:
            want.append((kinds[e["kind"]], "\n".join(lines(plain(e["text"])))))
        elif e["kind"] == "Dialog":
            want.extend(speech_paras(e["speech"]))
        elif e["kind"] == "DualDialog":
            want.append(("DualDialogue", tuple(speech_paras(e["left"]) + speech_paras(e["right"]))))
    if got != want:
        for i, (a, b) in enumerate(zip(got, want)):
            if a != b:
                fail(case, f"fdx: paragraph {i + 1} reads {a!r}, meant {b!r}")
                break
        else:
            fail(case, f"fdx: {len(got)} paragraphs, {len(want)} meant")
    if notes != meant["notes"]:
        fail(case, f"fdx: {notes} notes, {meant['notes']} meant")
    # Final Draft places the title page line by line: one paragraph per
    # line of a value (blank lines dropped), empty ones for spacing, in the
    # page's order (title, credit, author, source, then the foot).
    title = [text(p) for p in root.find("TitlePage").find("Content") if text(p)]
    order = ["Title", "Credit", "Author", "Source", "Contact", "Copyright", "Draft", "Notes"]
    want_title = [
        line.strip().upper() if k == "Title" else line.strip()
        for key in order
        for k, v in meant["title_page"]
        if k == key
        for line in plain(v).split("\n")
        if line.strip()
    ]
    if title != want_title:
        fail(case, f"fdx: title page {title!r}, meant {want_title!r}")


# ---------------------------------------------------------------- HTML

TAGS = {"html", "head", "meta", "title", "style", "body", "section", "h1", "p", "div",
        "span", "br", "table", "caption", "thead", "tbody", "tr", "th", "td", "em", "strong", "u"}
ATTRS = {"lang", "charset", "name", "content", "class", "http-equiv", "data-line"}


class Reader(html.parser.HTMLParser):
    def __init__(self, case):
        super().__init__(convert_charrefs=True)
        self.case = case
        self.stack = []
        self.texts = []  # (class, text) of each classed <p>
        self.title = ""
        self.current = None
        self.emphasised = []  # characters inside <em>, <strong>, <u>

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            fail(self.case, f"html: a <{tag}> bout did not write")
        for name, value in attrs:
            if name not in ATTRS or name.startswith("on"):
                fail(self.case, f"html: attribute {name}={value!r} on <{tag}>")
            # The source line of a piece (for `bout preview`): a number only.
            if name == "data-line" and not (value or "").isdigit():
                fail(self.case, f"html: data-line={value!r} on <{tag}>")
        if tag == "p":
            self.current = [dict(attrs).get("class", ""), ""]
        if tag == "br" and self.current is not None:
            self.current[1] += "\n"
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "p" and self.current is not None:
            self.texts.append(tuple(self.current))
            self.current = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        elif self.current is not None and not (self.stack and self.stack[-1] == "span"):
            self.current[1] += data
        # Emphasis anywhere on the page (the title page's <h1> included).
        if set(self.stack) & {"em", "strong", "u"}:
            self.emphasised.append("".join(c for c in data if not c.isspace()))

    def handle_comment(self, data):
        fail(self.case, f"html: a comment <!--{data}-->")

    def handle_pi(self, data):
        fail(self.case, f"html: a processing instruction {data!r}")


def fold(text):
    return " ".join(plain(text).split())


def want_all(meant):
    """Every (class, text) the HTML should hold, in order."""
    want = []
    for e in meant["elements"]:
        if e["kind"] == "Slug":
            want.append(("scene-heading", fold(e["text"])))
        elif e["kind"] == "Action":
            want.append(("action", fold(e["text"])))
        elif e["kind"] == "Transition":
            want.append(("transition", fold(e["text"])))
        elif e["kind"] in ("Dialog", "DualDialog"):
            for s in [e["speech"]] if e["kind"] == "Dialog" else [e["left"], e["right"]]:
                want.append(("character", fold(s["cue"])))
                want.append(("dialogue", fold(s["text"])))
                for _, text in s.get("more", []):
                    want.append(("dialogue", fold(text)))
    return want


def html_check(case, meant, path):
    source = open(path, encoding="utf-8").read()
    reader = Reader(case)
    reader.feed(source)
    reader.close()
    same_emphasis(case, meant, "html", "".join(reader.emphasised), title="first")
    if reader.title != meant["title"]:
        fail(case, f"html: <title> reads {reader.title!r}, meant {meant['title']!r}")
    # The HTML breaks lines where the PDF does (it is set from the same page
    # layout), so texts compare with their white space folded; a class
    # compares by its first word (`transition opening`).
    kinds = ("scene-heading", "character", "transition", "dialogue", "action")
    got = []
    for c, t in reader.texts:
        if not c.split() or c.split()[0] not in kinds:
            continue
        kind, text = c.split()[0], fold(t)
        # A speech that goes on over a page: its `CUE (CONT'D)` is no new
        # speech, and its dialogue goes on the part before.
        if kind == "character" and text.endswith("(CONT'D)") and got and got[-1][0] == "dialogue":
            got.append(("continued", ""))
            continue
        if kind == "dialogue" and got and got[-1][0] == "continued":
            got.pop()
            got.append(("dialogue+", text))
            continue
        got.append((kind, text))
    # Join each page's part of one dialogue text where the meant text is
    # the two joined.
    joined = []
    for kind, text in got:
        if kind == "dialogue+" and joined and joined[-1][0] == "dialogue":
            joined.append(("dialogue", text))  # a later part of a speech, or …
            both = fold(joined[-2][1] + " " + text)
            if any(w == ("dialogue", both) for w in want_all(meant)):
                joined[-2:] = [("dialogue", both)]  # … the rest of the same one
        else:
            joined.append(("dialogue" if kind == "dialogue+" else kind, text))
    got = joined
    want = want_all(meant)
    if got != want:
        for i, (a, b) in enumerate(zip(got, want)):
            if a != b:
                fail(case, f"html: {a!r} where {b!r} was meant")
                break
        else:
            fail(case, f"html: {len(got)} paragraphs, {len(want)} meant")
    if "Content-Security-Policy" not in source:
        fail(case, "html: no Content-Security-Policy")


# ---------------------------------------------------------------- timeline

# Where an event is, what it is, and a move's parts each in a column.
CSV_HEADER = [
    "id", "kind", "scene", "fight", "round", "round_clock", "fight_ms",
    "screen_start_ms", "screen_duration_ms", "start_frame", "duration_frames",
    "lane", "track", "attacker", "side", "technique", "target", "flurry",
    "contact", "knap", "speed_pct", "defender", "reaction", "detail", "mat",
    "text", "line",
]


def csv_check(case, path, json_path):
    events = json.load(open(json_path, encoding="utf-8"))["events"]
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    header, rows = rows[0], rows[1:]
    if header != CSV_HEADER:
        fail(case, f"csv: header {header}, meant {CSV_HEADER}")
        return
    if len(rows) != len(events):
        fail(case, f"csv: {len(rows)} rows, {len(events)} events")

    def cell(row, name):
        value = row[header.index(name)]
        return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA) else value

    for row, event in zip(rows, events):
        move = event.get("move") or {}
        # A reaction's row holds the defender's side only (the move's row
        # holds the attack), so a spreadsheet counts each move once.
        attack = ("attacker", "side", "technique", "target")
        for name in attack + ("defender", "reaction", "detail"):
            want = "" if event["kind"] == "reaction" and name in attack else (move.get(name) or "")
            if cell(row, name) != want:
                fail(case, f"csv: {name} {cell(row, name)!r}, JSON {move.get(name)!r}")
        for name in ("scene", "fight"):
            if cell(row, name) != (event.get(name) or ""):
                fail(case, f"csv: {name} {cell(row, name)!r}, JSON {event.get(name)!r}")
    for row, event in zip(rows, events):
        for name, cell in zip(header, row):
            if cell.startswith(FORMULA):
                fail(case, f"csv: {name} cell {cell!r} starts a formula")
        text = row[header.index("text")]
        if text.startswith("'") and text[1:].startswith(FORMULA):
            text = text[1:]
        if text != event["text"]:
            fail(case, f"csv: text {text!r}, JSON {event['text']!r}")
        for name in ("line", "screen_start_ms", "screen_duration_ms", "start_frame", "duration_frames"):
            if not re.fullmatch(r"\d+", row[header.index(name)]):
                fail(case, f"csv: {name} {row[header.index(name)]!r} is not a number")


def svg_check(case, path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(case, f"{os.path.basename(path)}: not XML: {e}")
        return
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag in ("script", "foreignObject", "a", "image", "iframe"):
            fail(case, f"{os.path.basename(path)}: a <{tag}>")
        for name in el.attrib:
            local = name.split("}")[-1]
            if local.startswith("on") or local == "href":
                fail(case, f"{os.path.basename(path)}: attribute {local} on <{tag}>")


def main(directory, root):
    sys.path.insert(0, os.path.join(root, "tests/interop"))
    import check_timeline

    cases = sorted(glob.glob(os.path.join(directory, "*.meant.json")))
    assert cases, f"no cases in {directory}"
    for meant_path in cases:
        stem = meant_path[: -len(".meant.json")]
        meant = json.load(open(meant_path, encoding="utf-8"))
        case = f"{os.path.basename(stem)} {meant['payload']!r}"
        fountain(case, meant, stem + ".fountain")
        fdx(case, meant, stem + ".fdx")
        html_check(case, meant, stem + ".html")
        csv_check(case, stem + ".csv", stem + ".json")
        svg_check(case, stem + ".svg")
        svg_check(case, stem + ".dot.svg")
        try:
            check_timeline.main(
                os.path.join(root, "docs/timeline.schema.json"),
                stem + ".json", stem + ".otio", stem + ".graph.json",
            )
        except (AssertionError, Exception) as e:  # noqa: BLE001 - report every case
            fail(case, f"timeline: {type(e).__name__}: {e}")
    if failures:
        sys.exit("\n".join(failures))
    print(f"ok: {len(cases)} cases read back by screenplain, xml.etree, html.parser, csv, OpenTimelineIO")


if __name__ == "__main__":
    main(*sys.argv[1:])
