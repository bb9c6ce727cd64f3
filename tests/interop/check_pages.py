"""Measures bout's pages from the PDFs themselves (PyMuPDF reads each
character's position back) and, for the HTML, from Chromium's print of it.

Usage: check_pages.py MANIFEST.json

The manifest (written by tests/pages.rs) names the files and what each is:

- "screenplay", "a4": a long generated screenplay rendered with scene
  numbers and fight tables, on Letter and on A4: bout's PDF ("pdf") and,
  when Chromium ran, its print of bout's HTML ("chrome");
- "speech": a script holding one speech of about three pages ("pdf",
  "cue", "text");
- "stage": a stage play ("pdf", "chrome", "cues").

Every check prints what it measured; the script exits non-zero listing
every failure.
"""

import json
import re
import sys

import pymupdf

INCH = 72.0
CHAR = 7.2
FAILURES = []


def fail(what):
    FAILURES.append(what)
    print("FAIL:", what)


def inch(points):
    return f'{points / INCH:.3f}"'


class Seg:
    """A run of text on one baseline: its left edge, baseline, size, text."""

    def __init__(self, x, y, size, text, right):
        self.x, self.y, self.size, self.text, self.right = x, y, size, text, right

    def __repr__(self):
        return f"{self.text!r}@{inch(self.x)},{self.y:.1f}"


def segments(page):
    """The page's text as runs of characters on one baseline, split where a
    gap wider than two characters opens (the columns of dual dialogue, a
    scene number beside its heading); spaces are put back from the gaps."""
    chars = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for c in span["chars"]:
                    if c["c"].strip():
                        chars.append((round(c["origin"][1] * 2) / 2, c["origin"][0], span["size"], c["c"]))
    chars.sort()
    out = []
    for y, x, size, c in chars:
        width = size * 0.6
        last = out[-1] if out else None
        if last and last.y == y and last.size == size and (x - last.right) < width * (1.5 if size > 10 else 99):
            gap = round((x - last.right) / width)
            last.text += " " * max(gap, 0) + c
            last.right = x + width
        else:
            out.append(Seg(x, y, size, c, x + width))
    return out


def is_scene_number(seg, left, right):
    return re.fullmatch(r"\d+", seg.text) is not None and (seg.right <= left or seg.x >= right)


def body(segs, geometry):
    """The segments below the top margin (no page number)."""
    return [s for s in segs if s.y > geometry["top"] + 1]


def pages(path):
    doc = pymupdf.open(path)
    return doc, [segments(p) for p in doc]


def near(a, b, tolerance=0.6):
    return abs(a - b) <= tolerance


SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*$")
TRANSITIONS = {"CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:", "FADE OUT.", "FADE IN:"}


def check_screenplay(name, spec):
    doc, all_pages = pages(spec["pdf"])
    g = spec["geometry"]
    left, right = g["left"], g["left"] + 60 * CHAR
    width, height = doc[0].rect.width, doc[0].rect.height
    print(f"{name}: {len(doc)} pages of {width:.2f} x {height:.2f} pt; text block {inch(left)} to {inch(right)}, "
          f"right margin {inch(width - right)}")
    if not near(width, g["width"]) or not near(height, g["height"]):
        fail(f"{name}: paper {width} x {height}, meant {g['width']} x {g['height']}")
    if width - right < INCH - 0.5:
        fail(f"{name}: right margin {inch(width - right)} is under 1\"")
    if left < width - right - 0.5:
        fail(f"{name}: left margin {inch(left)} narrower than the right")
    cue_x, paren_x, dialogue_x = left + 2.2 * INCH, left + 1.6 * INCH, left + 1.0 * INCH
    stats = {"more": 0, "contd": 0, "three_page": 0, "hanging": 0, "table_pages": 0, "scene_numbers": 0,
             "foot_action": 0, "transitions": 0}
    widest = 0.0
    body_pages = all_pages[1:]  # the first is the title page
    for n, segs in enumerate(body_pages, start=1):
        where = f"{name} page {n + 1}"
        number = [s for s in segs if s.y <= g["top"] + 1]
        lines = body(segs, g)
        if not lines:
            fail(f"{where}: empty")
            continue
        # Page numbers from the second page, top right, ending at the block's right edge.
        if n >= 2:
            if len(number) != 1 or number[0].text != f"{n}." or not near(number[0].right, right, 1.0):
                fail(f"{where}: page number {number}")
        elif number:
            fail(f"{where}: the first page carries a number {number}")
        for s in lines:
            if s.size > 10 and not is_scene_number(s, left, right):
                widest = max(widest, s.right)
        first, last = lines[0], lines[-1]
        # A speech goes on only under its cue with (CONT'D).
        if near(first.x, dialogue_x) or near(first.x, paren_x) or near(first.x, paren_x + CHAR):
            fail(f"{where}: starts inside a speech with {first}")
        if last.text == "(MORE)":
            stats["more"] += 1
            nxt = body(body_pages[n], g)[0] if n < len(body_pages) else None
            cue = [s for s in lines if near(s.x, cue_x) and s.text != "(MORE)"]
            if nxt is None or not nxt.text.endswith("(CONT'D)") or not near(nxt.x, cue_x):
                fail(f"{where}: (MORE) but the next page starts {nxt}")
            elif cue and not nxt.text.startswith(cue[-1].text.replace(" (CONT'D)", "")):
                fail(f"{where}: (CONT'D) cue {nxt.text!r} is not {cue[-1].text!r}")
            if first.text.endswith("(CONT'D)"):
                stats["three_page"] += 1
        if first.text.endswith("(CONT'D)"):
            stats["contd"] += 1
        # Transitions: never first, never alone, FADE IN: never last.
        texts = [s.text for s in lines]
        if first.text in TRANSITIONS and first.text != "FADE IN:":
            fail(f"{where}: begins with the transition {first.text!r}")
        if last.text == "FADE IN:":
            fail(f"{where}: ends with FADE IN:")
        if all(t in TRANSITIONS for t in texts):
            fail(f"{where}: holds only {texts}")
        for s in lines:
            if s.text in TRANSITIONS:
                stats["transitions"] += 1
                if s.text == "FADE IN:":
                    if not near(s.x, left):
                        fail(f"{where}: FADE IN: at {inch(s.x)}, not the left margin {inch(left)}")
                elif not near(s.right, right, 1.0):
                    fail(f"{where}: {s.text} ends at {inch(s.right)}, not {inch(right)}")
        # Action at the foot of a page ends a sentence (it breaks only
        # between sentences).
        if near(last.x, left) and last.size > 10 and not last.text.isupper():
            stats["foot_action"] += 1
            if not SENTENCE_END.search(last.text):
                fail(f"{where}: action breaks mid-sentence: {last.text!r}")
        # Hanging parentheticals: a line at the parenthetical indent opens
        # with "("; the lines under it stand one character in.
        for i, s in enumerate(lines):
            if near(s.x, paren_x) and not s.text.startswith("("):
                fail(f"{where}: a parenthetical line at {inch(s.x)} without its '(': {s.text!r}")
            if near(s.x, paren_x + CHAR):
                above = lines[i - 1] if i else None
                if above is None or not (near(above.x, paren_x) or near(above.x, paren_x + CHAR)):
                    fail(f"{where}: a hanging line with no parenthetical above: {s}")
                stats["hanging"] += 1
        # The fight table: its rows (8 points) come under the header row and
        # its rule on every page.
        table = [s for s in lines if s.size < 10]
        if table:
            stats["table_pages"] += 1
            if not (table[0].text.startswith("#") and "Technique / target" in table[0].text):
                fail(f"{where}: the table's first line is {table[0].text!r}, not the header row")
            elif len(table) < 2 or set(table[1].text) != {"-"}:
                fail(f"{where}: no rule under the header row")
        # Scene numbers on both sides of every heading.
        for s in lines:
            if re.match(r"^(INT|EXT)\. ", s.text):
                beside = [o for o in lines if o.y == s.y and o is not s and re.fullmatch(r"\d+", o.text)]
                if spec.get("scene_numbers"):
                    sides = sorted(o.x < left for o in beside)
                    if sides != [False, True] or beside[0].text != beside[1].text:
                        fail(f"{where}: heading {s.text!r} numbered {beside}")
                    else:
                        stats["scene_numbers"] += 1
                        if any(o.x < left and o.right > left - CHAR or o.x > left and o.x < right + CHAR for o in beside):
                            fail(f"{where}: a scene number touches its heading: {beside}")
    print(f"{name}: widest line ends at {inch(widest)}; " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    if widest > right + 0.5:
        fail(f"{name}: a line runs to {inch(widest)}, past the block's right edge {inch(right)}")
    for key, least in [("more", 3), ("contd", 3), ("three_page", 1), ("hanging", 1), ("table_pages", 2),
                       ("foot_action", 3), ("transitions", 10)]:
        if stats[key] < least:
            fail(f"{name}: only {stats[key]} {key} (the script is meant to show at least {least})")
    if spec.get("scene_numbers") and stats["scene_numbers"] < 50:
        fail(f"{name}: {stats['scene_numbers']} numbered headings")
    if stats["more"] != stats["contd"]:
        fail(f"{name}: {stats['more']} (MORE) but {stats['contd']} (CONT'D)")
    return all_pages


def check_chrome(name, spec, ours):
    """Chromium's print of the HTML against bout's PDF: the same pages, the
    same lines at the same places."""
    doc, theirs = pages(spec["chrome"])
    print(f"{name}: bout's PDF {len(ours)} pages, Chromium's print of the HTML {len(doc)} pages")
    if abs(len(doc) - len(ours)) > 1:
        fail(f"{name}: Chromium prints {len(doc)} pages for the PDF's {len(ours)}")
    if not near(doc[0].rect.width, spec["geometry"]["width"], 1.5) or not near(doc[0].rect.height, spec["geometry"]["height"], 1.5):
        fail(f"{name}: Chromium's paper is {doc[0].rect}")
    left = spec["geometry"]["left"]
    bands = {"cue": left + 2.2 * INCH, "parenthetical": left + 1.6 * INCH, "dialogue": left + 1.0 * INCH,
             "action": left}
    if spec.get("stage"):
        bands = {"dialogue": left, "parenthetical": left + 1.5 * INCH, "direction": left + 0.5 * INCH,
                 "scene direction": left + 2.0 * INCH}
    worst = {k: 0.0 for k in bands}
    worst_all, worst_y, matched, missing = 0.0, {12: 0.0, 8: 0.0}, 0, 0
    for n, (a, b) in enumerate(zip(ours, theirs), start=1):
        pool = list(b)
        for s in a:
            if set(s.text) == {"-"}:
                continue  # the rule under a table's header row is a border in HTML
            found = next((t for t in pool if t.text == s.text and abs(t.y - s.y) < 6), None)
            if found is None:
                found = next((t for t in pool if t.text == s.text), None)
            if found is None:
                missing += 1
                if missing <= 5:
                    fail(f"{name} page {n}: {s} is not on Chromium's page {n}")
                continue
            pool.remove(found)
            matched += 1
            dx, dy = abs(found.x - s.x), abs(found.y - s.y)
            worst_all = max(worst_all, dx)
            size = 12 if s.size > 10 else 8
            worst_y[size] = max(worst_y[size], dy)
            for k, x in bands.items():
                if near(s.x, x):
                    worst[k] = max(worst[k], dx)
            if dx > 0.05 * INCH:
                fail(f"{name} page {n}: {s.text!r} at {inch(found.x)} in Chromium, {inch(s.x)} in the PDF")
    if missing > 5:
        fail(f"{name}: {missing} lines of the PDF not found in Chromium's print")
    print(f"{name}: {matched} lines matched; largest horizontal difference {inch(worst_all)}, vertical "
          f"{worst_y[12]:.2f} pt (12-point lines), {worst_y[8]:.2f} pt (table lines); "
          + ", ".join(f"{k} {inch(v)}" for k, v in worst.items()))
    if max(worst_y.values()) > 1.5:
        fail(f"{name}: a line stands {max(worst_y.values()):.1f} pt above or below its place in the PDF")
    # The title page fits its page; page numbers from page two.
    if len(theirs) > 2:
        first_body = body(theirs[1], spec["geometry"])
        if not first_body:
            fail(f"{name}: Chromium's second page is empty (the title page spilled?)")
        top = [s for s in theirs[2] if s.y <= spec["geometry"]["top"] + 1]
        if not any(s.text.endswith("2.") or s.text.endswith("-2") for s in top):
            fail(f"{name}: Chromium's third page has no page number 2: {top}")
        if [s for s in theirs[1] if s.y <= spec["geometry"]["top"] + 1]:
            fail(f"{name}: the first body page carries a page number in Chromium's print")


def check_speech(spec):
    doc, all_pages = pages(spec["pdf"])
    g = spec["geometry"]
    cue_x, dialogue_x = g["left"] + 2.2 * INCH, g["left"] + 1.0 * INCH
    lines = [s for p in all_pages[1:] for s in body(p, g)]
    more = [s for s in lines if s.text == "(MORE)"]
    contd = [s for s in lines if s.text == f"{spec['cue']} (CONT'D)"]
    said = " ".join(s.text for s in lines if near(s.x, dialogue_x))
    body_pages = len(all_pages) - 1
    print(f"speech: {body_pages} body pages, {len(more)} (MORE), {len(contd)} (CONT'D), "
          f"{len(said.split())} words of dialogue read back")
    if body_pages != 3 or len(more) != 2 or len(contd) != 2:
        fail(f"speech: a three-page speech shows {len(more)} (MORE) and {len(contd)} (CONT'D) on {body_pages} pages")
    if any(not near(s.x, cue_x) for s in more + contd):
        fail("speech: (MORE)/(CONT'D) off the cue's indent")
    if said.split() != spec["text"].split():
        fail("speech: the dialogue read back is not the speech")
    for p in all_pages[1:]:
        dl = [s for s in body(p, g) if near(s.x, dialogue_x)]
        if dl and not SENTENCE_END.search(dl[-1].text) and p is not all_pages[-1]:
            fail(f"speech: a page breaks the speech mid-sentence: {dl[-1].text!r}")


def check_stage(spec):
    doc, all_pages = pages(spec["pdf"])
    g = spec["geometry"]
    left, right = g["left"], g["left"] + 60 * CHAR
    centre = (left + right) / 2
    cues = set(spec["cues"])
    found = {"cue": 0, "dialogue": 0, "parenthetical": 0, "direction": 0, "act": 0, "scene": 0}
    offsets = {"cue centre": 0.0, "dialogue": 0.0, "parenthetical": 0.0, "direction": 0.0}
    scene_pages = []
    for n, page in enumerate(all_pages[1:], start=1):
        lines = body(page, g)
        drawings = doc[n].get_drawings()
        for i, s in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            dual = any(o is not s and o.y == s.y for o in lines)
            if dual:
                continue
            if s.text in cues or s.text.split(" (")[0] in cues:
                found["cue"] += 1
                offsets["cue centre"] = max(offsets["cue centre"], abs((s.x + s.right) / 2 - centre))
                if nxt and nxt.text.startswith("("):
                    found["parenthetical"] += 1
                    offsets["parenthetical"] = max(offsets["parenthetical"], abs(nxt.x - (left + 1.5 * INCH)))
                    nxt = next((t for t in lines[i + 2:] if not near(t.x, left + 1.5 * INCH + CHAR)), None)
                if nxt:
                    found["dialogue"] += 1
                    offsets["dialogue"] = max(offsets["dialogue"], abs(nxt.x - left))
            elif s.text.startswith("(") and s.x < left + 1.0 * INCH:
                found["direction"] += 1
                offsets["direction"] = max(offsets["direction"], abs(s.x - (left + 0.5 * INCH)))
            elif s.text.startswith("ACT "):
                found["act"] += 1
                if abs((s.x + s.right) / 2 - centre) > 1.0:
                    fail(f"stage page {n + 1}: {s.text} not centred")
                under = [d for d in drawings if any(it[0] == "l" and abs(it[1].y - (s.y + 2)) < 1.5 for it in d["items"])]
                if not under:
                    fail(f"stage page {n + 1}: {s.text} not underlined")
            elif s.text.startswith("SCENE "):
                found["scene"] += 1
                scene_pages.append((n, i))
                if abs((s.x + s.right) / 2 - centre) > 1.0:
                    fail(f"stage page {n + 1}: {s.text} not centred")
        if n >= 2:
            number = [s for s in page if s.y <= g["top"] + 1]
            if len(number) != 1 or not re.fullmatch(r"[IVX]+-\d+-%d" % n, number[0].text):
                fail(f"stage page {n + 1}: page number {number}, meant ACT-SCENE-{n}")
    print(f"stage: {len(all_pages)} pages; found " + ", ".join(f"{k} {v}" for k, v in found.items())
          + "; largest offsets " + ", ".join(f"{k} {inch(v)}" for k, v in offsets.items()))
    for k, v in found.items():
        if v == 0:
            fail(f"stage: no {k} found")
    for k, v in offsets.items():
        if v > 0.05 * INCH:
            fail(f"stage: {k} off by {inch(v)}")
    for n, i in scene_pages:
        # A scene starts its page (under its act line when the act begins).
        if i > 2:
            fail(f"stage page {n + 1}: a scene starts below the top of its page")
    text = " ".join(s.text for p in all_pages for s in p)
    if "FIGHT SCRIPT:" in spec.get("expect", "") and "FIGHT SCRIPT:" not in text:
        fail("stage: the fight table is missing")


PUNCTUATION = tuple(",.;:!?)")


def check_tables(spec):
    """A fight table keeps inside the text block: no word of its 8-point
    lines (nor its title) lies right of the block's right edge, no line of
    it starts with punctuation, and the `FIGHT SCRIPT:` title stands once
    for each fight."""
    g = spec["geometry"]
    left, right = g["left"], g["left"] + 60 * CHAR
    _, all_pages = pages(spec["pdf"])
    titles, rows, widest = 0, 0, left
    for n, page in enumerate(all_pages):
        for s in body(page, g):
            table = s.size < 10
            if s.text.startswith("FIGHT SCRIPT:"):
                titles += 1
                table = True
            if not table:
                continue
            rows += 1
            widest = max(widest, s.right)
            if s.x < left - 0.5 or s.right > right + 0.5:
                fail(f"{spec['name']} page {n + 1}: table text {s.text!r} runs from {inch(s.x)} to {inch(s.right)}, "
                     f"outside the text block {inch(left)}-{inch(right)}")
            for cell in re.split(r"\s{2,}", s.text.strip()):
                if cell.startswith(PUNCTUATION):
                    fail(f"{spec['name']} page {n + 1}: a table line starts with punctuation: {s.text!r}")
    print(f"{spec['name']}: {rows} table lines, rightmost at {inch(widest)} (block ends at {inch(right)}), "
          f"{titles} FIGHT SCRIPT titles")
    if rows == 0:
        fail(f"{spec['name']}: no table found")
    if titles != spec["titles"]:
        fail(f"{spec['name']}: {titles} FIGHT SCRIPT titles, meant {spec['titles']} (one a fight)")


def main():
    manifest = json.load(open(sys.argv[1], encoding="utf-8"))
    for name in ("screenplay", "a4"):
        spec = manifest.get(name)
        if spec:
            ours = check_screenplay(name, spec)
            if spec.get("chrome"):
                check_chrome(name, spec, ours)
    if manifest.get("speech"):
        check_speech(manifest["speech"])
    if manifest.get("stage"):
        spec = manifest["stage"]
        check_stage(spec)
        if spec.get("chrome"):
            _, ours = pages(spec["pdf"])
            check_chrome("stage", dict(spec, stage=True), ours)
    for spec in manifest.get("tables", []):
        check_tables(spec)
    if FAILURES:
        print(f"{len(FAILURES)} failures")
        sys.exit(1)
    print("ok: pages measured")


main()
