"""Reads two Final Draft files with the FDX readers from PyPI and says
whether they hold the same screenplay: the same elements in order, with
the same text.

Usage: roundtrip_fdx.py ORIGINAL.fdx BACK.fdx

Three views of each file, each compared between the two:

- screenplay-tools (0.0.10, `screenplay_tools.fdx.parser`): the `Content`
  paragraphs in order as (type, text); it reads a paragraph's first `Text`
  only, and a dual-dialogue pair or a script note as the empty paragraph
  that holds it;
- open-fdx-toolkit (0.1.0, `fdx_parser`): scene by scene from the first
  scene heading, each scene's paragraphs as (type, text), then its dual
  pairs, then its script notes;
- the XML itself (ElementTree), for what neither reader looks at: every
  paragraph of the body and of each dual dialogue as (type, text, centred,
  starts a new page, scene number), each inline script note after its
  paragraph, and the title page's lines with their alignment.

Text is compared with runs of white space as one space. Paragraphs with no
text are left out of every view (Final Draft uses them for spacing, the
importer drops them); a new page asked for by one is carried to the next
paragraph. Exits non-zero listing the first differences of each view.
"""

import sys
import xml.etree.ElementTree as ET


def text(value):
    return " ".join((value or "").split())


def screenplay_tools(path):
    from screenplay_tools.fdx.parser import Parser

    script = Parser().parse(open(path, encoding="utf-8").read())
    got = []
    for e in script.elements:
        kind = e.type.value
        if kind == "CHARACTER":
            value = e.name + (f" ({e.extension})" if e.extension else "")
        else:
            value = e.text_raw
        if text(value):
            got.append((kind, text(value)))
    return got


def toolkit(path):
    from fdx_parser import parse_file

    got = []
    for scene in parse_file(path):
        got.append(("Scene Heading", text(scene.slugline)))
        got.extend((p.type, text(p.text)) for p in scene.paragraphs if text(p.text))
        got.extend(
            ("pair", tuple(text(t) for t in (d.character_a, d.dialogue_a, d.character_b, d.dialogue_b)))
            for d in scene.dual_dialogue_pairs
        )
        got.extend(("note", text(n.text)) for n in scene.script_notes)
    return got


def runs(paragraph):
    return text("".join("".join(t.itertext()) for t in paragraph.findall("Text")))


def structure(path):
    root = ET.parse(path).getroot()
    got = []
    new_page = False

    def paragraph(p, where):
        nonlocal new_page
        new_page = new_page or (p.get("StartsNewPage") or "").lower() == "yes"
        value = runs(p)
        if value:
            centred = (p.get("Alignment") or "").lower() == "center"
            got.append((where, p.get("Type"), value, centred, new_page, (p.get("Number") or "").strip()))
            new_page = False
        for note in p.findall("ScriptNote"):
            lines = [runs(q) for q in note.findall("Paragraph")]
            got.append(("note", " ".join(l for l in lines if l)))

    for content in root.findall("Content"):
        for p in content:
            if p.tag == "DualDialogue":
                dual = p
            elif p.tag == "Paragraph":
                paragraph(p, "body")
                dual = p.find("DualDialogue")
            else:
                continue
            if dual is not None:
                got.append(("dual",))
                for q in dual.findall("Paragraph"):
                    paragraph(q, "dual")
                got.append(("end dual",))
    title = [
        ((p.get("Alignment") or "Left"), runs(p))
        for p in root.findall("TitlePage/Content/Paragraph")
        if runs(p)
    ]
    return got, title


def compare(view, a, b, problems):
    if a == b:
        return True
    shown = 0
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x != y:
            problems.append(f"{view}: element {i + 1}: {x!r} != {y!r}")
            shown += 1
            if shown == 5:
                break
    return False


def main():
    original, back = sys.argv[1], sys.argv[2]
    problems = []
    st = screenplay_tools(original), screenplay_tools(back)
    ft = toolkit(original), toolkit(back)
    (body1, title1), (body2, title2) = structure(original), structure(back)
    compare("screenplay-tools", *st, problems)
    compare("open-fdx-toolkit", *ft, problems)
    compare("xml body", body1, body2, problems)
    compare("xml title page", title1, title2, problems)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(
        f"same screenplay: screenplay-tools {len(st[0])} elements, "
        f"open-fdx-toolkit {len(ft[0])}, xml {len(body1)} paragraphs "
        f"and {len(title1)} title-page lines"
    )


main()
