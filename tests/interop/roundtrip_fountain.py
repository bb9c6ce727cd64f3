"""Reads two Fountain files with screenplain and says whether they hold the
same screenplay: the same elements in order, with the same text.

Usage: roundtrip_fountain.py ORIGINAL.fountain BACK.fountain

Text is compared with runs of white space as one space and without bout's
invisible U+2060 guards; scene headings and transitions in upper case (bout
prints them so; every Fountain reader matches them without case). Exits
non-zero listing the first differences.
"""

import sys

from screenplain.parsers import fountain as parser
from screenplain import types

GUARD = "\u2060"


def text(value):
    s = value if isinstance(value, str) else (value.to_html() if hasattr(value, "to_html") else str(value))
    return " ".join(s.replace(GUARD, "").replace("&#8288;", "").split())


def lines(ls):
    return " / ".join(text(l) for l in ls)


def speech(d):
    blocks = [(bool(p), text(l)) for p, l in d.blocks]
    return text(d.character), blocks


def elements(path):
    play = parser.parse(open(path, encoding="utf-8"))
    got = []
    for p in play.paragraphs:
        if isinstance(p, types.Slug):
            got.append(("Slug", text(p.line).upper()))
        elif isinstance(p, types.DualDialog):
            got.append(("DualDialog", speech(p.left), speech(p.right)))
        elif isinstance(p, types.Dialog):
            got.append(("Dialog", speech(p)))
        elif isinstance(p, types.Transition):
            got.append(("Transition", text(p.line).upper()))
        elif isinstance(p, types.Action):
            got.append(("Action", lines(p.lines)))
        else:
            got.append((type(p).__name__, lines(getattr(p, "lines", []))))
    # `Author` and `Authors` are one key to Fountain.
    title = {
        ("Author" if k == "Authors" else k): [text(v) for v in vs]
        for k, vs in (play.title_page or {}).items()
    }
    return title, got


def main():
    (t1, a), (t2, b) = elements(sys.argv[1]), elements(sys.argv[2])
    problems = []
    if t1 != t2:
        problems.append(f"title page: {t1!r} != {t2!r}")
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x != y:
            problems.append(f"element {i}: {x!r} != {y!r}")
    if problems:
        print("\n".join(problems[:10]))
        sys.exit(1)
    print(f"same screenplay: {len(a)} elements")


main()
