//! The OpenTimelineIO export through the adapters editors use: every
//! example's timeline, at 24, 23.976 and 29.97 frames a second, converted
//! by `fcp_xml`, `fcpx_xml`, `kdenlive`, `xges`, `AAF`, OTIO's `svg` and
//! (with `--tracks single`) `cmx_3600`, and read back with its clips, names,
//! durations and markers as each format can carry them
//! (`tests/interop/check_otio_adapters.py` says which); and the scripts of
//! `tests/fixtures/otio/`, shapes the examples lack.

mod common;
use common::{bout, examples, python, root, scratch, stem};

#[test]
fn every_example_converts_through_the_otio_adapters() {
    let dir = scratch("otio-adapters");
    // The examples, and the shapes users found that they lack (a line of
    // dialogue that outlasts the picture).
    let mut scripts = examples();
    let mut fixtures: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/otio"))
        .expect("tests/fixtures/otio")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bout"))
        .collect();
    fixtures.sort();
    scripts.extend(fixtures);
    for example in scripts {
        let name = stem(&example);
        for fps in ["24", "23.976", "29.97"] {
            let file = |suffix: &str| dir.join(format!("{name}-{fps}{suffix}.otio"));
            for (suffix, tracks) in [("", "layered"), ("-single", "single")] {
                let run = bout(&[
                    "timeline",
                    example.to_str().unwrap(),
                    "--to",
                    "otio",
                    "--fps",
                    fps,
                    "--tracks",
                    tracks,
                    "-o",
                    file(suffix).to_str().unwrap(),
                ]);
                assert!(
                    run.status.success(),
                    "{name} at {fps}: {}",
                    String::from_utf8_lossy(&run.stderr)
                );
            }
            let read = std::process::Command::new(python())
                .arg(root().join("tests/interop/check_otio_adapters.py"))
                .arg(file(""))
                .arg(file("-single"))
                .output()
                .expect("python runs");
            assert!(
                read.status.success(),
                "{name} at {fps} fps:\n{}{}",
                String::from_utf8_lossy(&read.stdout),
                String::from_utf8_lossy(&read.stderr)
            );
        }
    }
}

#[test]
fn frame_rates_are_read_as_editors_write_them() {
    use bout::export::timeline::Rate;
    for (text, num, den) in [
        ("24", 24, 1),
        ("25", 25, 1),
        ("23.976", 24000, 1001),
        ("23.98", 24000, 1001),
        ("29.97", 30000, 1001),
        ("59.94", 60000, 1001),
        ("24000/1001", 24000, 1001),
    ] {
        assert_eq!(Rate::parse(text), Ok(Rate { num, den }), "{text}");
    }
    for bad in ["0", "23.5", "abc", "1/0", "2000"] {
        assert!(Rate::parse(bad).is_err(), "{bad}");
    }
    let run = bout(&[
        "timeline",
        "examples/rocky-iv.bout",
        "--to",
        "otio",
        "--fps",
        "23.5",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not a frame rate"));
}
