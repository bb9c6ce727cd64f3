//! Render stage: every example renders to Fountain, FDX, PDF and HTML in
//! every choreography; screenplain reads our Fountain back into the
//! elements we meant; FDX parses as XML with Final Draft's paragraph types;
//! poppler reads the PDF back (text, fonts, pages); the HTML escapes its
//! text. Prose is snapshotted for a fixture.

mod common;
use common::{bout, examples, python, root, scratch, stem};
use std::process::Command;

use bout::export::screenplay::{self, Choreography, Element, Options, layout};

/// What each element should read back as from the Fountain, one a line
/// (see `tests/interop/check_screenplay.py`): `FADE IN:` is action there,
/// set flush left; FDX keeps it a transition.
fn meant(play: &screenplay::Screenplay) -> String {
    meant_in(play, false)
}

fn meant_in(play: &screenplay::Screenplay, fdx: bool) -> String {
    let mut out = String::new();
    for e in &play.elements {
        let line = match e {
            Element::SceneHeading { text, .. } => format!("Slug {text}"),
            // Neither format has tables: the heading before the fight's
            // first part, then the rows as one paragraph.
            Element::FightTable(t) if t.opens => "Action\nAction".into(),
            Element::Action(_) | Element::Shot(_) | Element::FightTable(_) => "Action".into(),
            Element::Dialogue(s) => format!("Dialog {}", s.cue_line()),
            Element::DualDialogue(l, r) => format!("DualDialog {}|{}", l.cue_line(), r.cue_line()),
            Element::Transition(t) if !fdx && layout::opening(t) => "Action".into(),
            Element::Transition(t) => format!("Transition {t}"),
            Element::Note(_) | Element::Synopsis(_) => continue,
            // Centred text is action to both readers; screenplain knows
            // no lyrics (action), FDX keeps its `Lyrics` paragraph.
            Element::Centered(_) => "Action".into(),
            Element::Lyric(_) if fdx => "Lyric".into(),
            Element::Lyric(_) => "Action".into(),
            // A page break is an attribute in FDX, a section no paragraph.
            Element::PageBreak | Element::Section { .. } if fdx => continue,
            Element::PageBreak => "PageBreak".into(),
            Element::Section { .. } => "Section".into(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn fdx_meant(play: &screenplay::Screenplay) -> String {
    meant_in(play, true).replace("DualDialog ", "DualDialogue ")
}

#[test]
fn every_example_renders_and_readers_accept_it() {
    let python = python();
    let dir = scratch("all");
    for example in examples() {
        let stem = stem(&example);
        let source = std::fs::read_to_string(&example).expect("example");
        let checked = bout::check(&source);
        let model = checked.model();
        for (choreography, flag) in [
            (Choreography::Prose, "prose"),
            (Choreography::Table, "table"),
            (Choreography::Both, "both"),
        ] {
            let options = Options {
                scene_numbers: false,
                notes: true,
                choreography,
            };
            let play = screenplay::build(&model, options);
            let base = dir.join(format!("{stem}-{flag}"));
            let path = |ext: &str| format!("{}.{ext}", base.display());
            for to in ["fountain", "fdx", "pdf", "html"] {
                let o = bout(&[
                    "render",
                    example.to_str().expect("UTF-8"),
                    "--to",
                    to,
                    "--notes",
                    "--choreography",
                    flag,
                    "-o",
                    &path(to),
                ]);
                assert_eq!(
                    o.status.code(),
                    Some(0),
                    "{stem} {to}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
            std::fs::write(path("meant"), meant(&play)).expect("write");
            std::fs::write(path("fdx-meant"), fdx_meant(&play)).expect("write");
            for (kind, file, want) in [
                ("fountain", path("fountain"), path("meant")),
                ("fdx", path("fdx"), path("fdx-meant")),
            ] {
                let o = Command::new(&python)
                    .arg(root().join("tests/interop/check_screenplay.py"))
                    .args([kind, &file, &want])
                    .output()
                    .expect("python");
                assert!(
                    o.status.success(),
                    "{stem} ({flag}) {kind}: {}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                );
            }
            // poppler: the fonts are Courier Prime, embedded.
            let fonts = Command::new("pdffonts")
                .arg(path("pdf"))
                .output()
                .expect("pdffonts (tests/run.sh installs poppler)");
            let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
            let regular = fonts
                .lines()
                .find(|l| l.starts_with("CourierPrime "))
                .unwrap_or_else(|| panic!("{stem}: {fonts}"));
            assert!(
                regular.contains(" yes "),
                "{stem}: font not embedded: {regular}"
            );
            // poppler: the text reads back.
            let text = Command::new("pdftotext")
                .args(["-layout", &path("pdf"), "-"])
                .output()
                .expect("pdftotext");
            let text = String::from_utf8_lossy(&text.stdout).into_owned();
            // A screenplay's headings read as written; a stage play's are
            // set as act, scene and place lines, so each word is there.
            for element in &play.elements {
                if let Element::SceneHeading { text: heading, .. } = element {
                    let whole = text.contains(heading.as_str());
                    let words = heading
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
                        .filter(|w| !w.is_empty())
                        .all(|w| text.contains(w));
                    let stage = play.form == screenplay::Form::StagePlay;
                    assert!(
                        whole || (stage && words),
                        "{stem}: heading {heading} missing from the PDF"
                    );
                }
            }
            if let Some((_, title)) = play
                .title_page
                .iter()
                .find(|(k, _)| *k == bout::syntax::ast::TitleKey::Title)
            {
                assert!(
                    text.contains(&title.to_uppercase()),
                    "{stem}: title missing"
                );
            }
        }
    }
}

#[test]
fn the_rocky_iv_pdf_reads_as_a_screenplay() {
    let dir = scratch("rocky");
    let pdf = dir.join("rocky.pdf");
    let o = bout(&[
        "render",
        "examples/rocky-iv.bout",
        "--to",
        "pdf",
        "-o",
        pdf.to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let info = String::from_utf8(
        Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo")
            .stdout,
    )
    .expect("UTF-8");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("pages");
    assert!((4..=12).contains(&pages), "{pages} pages");
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("size");
    assert!(size.contains("612 x 792"), "{size}");
    let text = String::from_utf8(
        Command::new("pdftotext")
            .args(["-layout", pdf.to_str().expect("UTF-8"), "-"])
            .output()
            .expect("pdftotext")
            .stdout,
    )
    .expect("UTF-8");
    // The film's lines, the prose (the first words of the first round's,
    // as the writer words them), the markers, the page numbers.
    let source = std::fs::read_to_string(root().join("examples/rocky-iv.bout")).expect("example");
    let checked = bout::check(&source);
    let play = screenplay::build(&checked.model(), Options::default());
    let prose = play
        .elements
        .iter()
        .skip_while(|e| !matches!(e, Element::Shot(s) if s == "ROUND ONE"))
        .find_map(|e| match e {
            Element::Action(text) => Some(text.split(' ').take(3).collect::<Vec<_>>().join(" ")),
            _ => None,
        })
        .expect("the first round's prose");
    for needle in [
        "ROCKY IV",
        "I must break you.",
        "ROUND ONE",
        "MONTAGE - ROUNDS THREE TO FOURTEEN",
        "END MONTAGE",
        prose.as_str(),
        "2.",
        "FADE OUT.",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    // Page one has no number; every page from two has "N." on its first line.
    let page_texts: Vec<&str> = text.split('\u{c}').collect();
    for (i, page) in page_texts.iter().enumerate().skip(2) {
        if page.trim().is_empty() {
            continue;
        }
        let first = page.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        assert!(
            first.trim_end().ends_with(&format!("{i}.")),
            "page {} starts {first:?}",
            i + 1
        );
    }
    // A4 is A4.
    let a4 = dir.join("a4.pdf");
    bout(&[
        "render",
        "examples/rocky-iv.bout",
        "--to",
        "pdf",
        "--paper",
        "a4",
        "-o",
        a4.to_str().expect("UTF-8"),
    ]);
    let info = String::from_utf8(
        Command::new("pdfinfo")
            .arg(&a4)
            .output()
            .expect("pdfinfo")
            .stdout,
    )
    .expect("UTF-8");
    assert!(info.contains("595.28 x 841.89"), "{info}");
}

#[test]
fn fight_prose_reads_as_written() {
    let source = std::fs::read_to_string(root().join("tests/fixtures/stats/hand-count.bout"))
        .expect("fixture");
    let checked = bout::check(&source);
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    let fountain = screenplay::fountain::export(&play, Default::default());
    insta::assert_snapshot!(fountain);
}

#[test]
fn long_speeches_split_with_more_and_contd() {
    let long = "I will not stay down. ".repeat(120);
    let source = format!(
        "title \"Long\"\ncast {{\n  ROCKY character \"Rocky\"\n}}\nscene \"INT. GYM - DAY\" {{\n  action \"He stands.\"\n  ROCKY: \"{long}\"\n}}\n"
    );
    let checked = bout::check(&source);
    assert!(checked.diagnostics.is_empty());
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    let doc = screenplay::layout::layout(&play, screenplay::layout::Paper::Letter);
    let texts: Vec<Vec<&str>> = doc
        .pages
        .iter()
        .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect())
        .collect();
    let body = &texts[1..];
    assert!(body.len() >= 2);
    assert!(body[0].contains(&"(MORE)"), "{:?}", body[0]);
    assert!(body[1].contains(&"ROCKY (CONT'D)"), "{:?}", body[1]);
    // Never more than 55 body lines on a page.
    for page in &doc.pages {
        assert!(page.lines.len() <= 56, "{} lines", page.lines.len());
    }
}

#[test]
fn a_heading_never_stands_alone_at_the_foot_of_a_page() {
    let mut body = String::new();
    for i in 0..40 {
        body.push_str(&format!(
            "  scene \"INT. ROOM {i} - DAY\" {{\n    action \"{}\"\n  }}\n",
            "He waits. ".repeat(12)
        ));
    }
    let source = format!(
        "cast {{\n  ROCKY character \"Rocky\"\n}}\nscene \"INT. START - DAY\" {{\n  ROCKY: \"Go.\"\n}}\n{}",
        body.replace("\n  ", "\n")
    );
    let checked = bout::check(&source);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    let doc = screenplay::layout::layout(&play, screenplay::layout::Paper::Letter);
    for page in &doc.pages {
        let last = page
            .lines
            .iter()
            .rfind(|l| !l.text.ends_with('.') || l.text.len() > 4);
        if let Some(last) = last {
            assert!(
                !last.text.starts_with("INT. "),
                "a page ends with the heading {:?}",
                last.text
            );
        }
    }
}

#[test]
fn text_is_escaped_in_every_format() {
    let source = "cast {\n  ROCKY character \"Rocky\"\n}\nscene \"INT. <GYM> & \\\"BAR\\\" - DAY\" {\n  action \"<script>alert('x')</script> & \\u{7}done\"\n  ROCKY: \"A <b>bold</b> move & more\"\n}\n";
    // A control character never gets into the tree: the escape is an error.
    let codes: Vec<_> = bout::check(source)
        .diagnostics
        .iter()
        .map(|d| d.code.code)
        .collect();
    assert_eq!(codes, ["S003"]);
    let source = source.replace("\\u{7}", "");
    let checked = bout::check(&source);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    let html = screenplay::html::export(&play, Default::default());
    assert!(!html.contains("<script>alert"), "HTML does not escape");
    assert!(html.contains("&lt;script&gt;"));
    let fdx = screenplay::fdx::export(&play, Default::default());
    assert!(fdx.contains("&lt;GYM&gt; &amp; &quot;BAR&quot;"));
}

/// The table keeps what the referee said and did: a warning's reason in
/// the notes (quoted, and so in the Fountain line), a deduction's points.
#[test]
fn the_table_keeps_the_warning_reason_and_the_points() {
    let script = root().join("tests/fixtures/table/wide-cells.bout");
    let source = std::fs::read_to_string(&script).expect("fixture");
    let checked = bout::check(&source);
    let model = checked.model();
    let options = Options {
        scene_numbers: false,
        notes: false,
        choreography: Choreography::Table,
    };
    let play = screenplay::build(&model, options);
    let rows: Vec<&screenplay::table::Row> = play
        .elements
        .iter()
        .filter_map(|e| match e {
            Element::FightTable(t) => Some(&t.rows),
            _ => None,
        })
        .flatten()
        .collect();
    let warn = rows
        .iter()
        .find(|r| r.technique.starts_with("warn"))
        .expect("a warning row");
    assert_eq!(warn.notes, "\"Keep them up front.\"", "{warn:?}");
    let deduct = rows
        .iter()
        .find(|r| r.technique.starts_with("deduct"))
        .expect("a deduction row");
    assert_eq!(deduct.technique, "deduct LUZ CIENFUEGOS 2", "{deduct:?}");
    let o = bout(&[
        "render",
        script.to_str().expect("UTF-8"),
        "--to",
        "fountain",
        "--choreography",
        "table",
    ]);
    let fountain = String::from_utf8_lossy(&o.stdout);
    assert!(
        fountain.contains("REFEREE warn LUZ CIENFUEGOS (\"Keep them up front.\")")
            && fountain.contains("REFEREE deduct LUZ CIENFUEGOS 2\n"),
        "{fountain}"
    );
}
