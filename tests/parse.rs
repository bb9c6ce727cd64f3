//! Parse stage: every fixture under `tests/fixtures/parse/` parses without a
//! syntax error, and its tree is snapshotted (the input rides along as the
//! snapshot's description).

use std::path::Path;

/// Parses one fixture and snapshots its tree.
fn check(path: &Path) {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    let parsed = bout::syntax::parse(&source);
    assert!(
        parsed.diagnostics.is_empty(),
        "{} has syntax errors: {:#?}",
        path.display(),
        parsed.diagnostics
    );
    insta::with_settings!({ description => source.as_str(), omit_expression => true }, {
        insta::assert_yaml_snapshot!(parsed.script);
    });
}

#[test]
fn parse_fixtures() {
    insta::glob!("fixtures/parse/*.bout", check);
}

#[test]
fn spans_point_at_what_they_name() {
    let source = "cast {\n  ROCKY fighter \"Rocky\"\n}\n";
    let parsed = bout::syntax::parse(source);
    let bout::syntax::ast::StmtKind::Cast { members } = &parsed.script.items[0].kind else {
        panic!("expected a cast block");
    };
    let member = &members.items[0];
    assert_eq!(&source[member.id.span.range()], "ROCKY");
    assert_eq!(&source[member.role.span.range()], "fighter");
    assert_eq!(&source[member.name.span.range()], "\"Rocky\"");
    assert_eq!(&source[members.open.range()], "{");
    assert_eq!(&source[members.close.expect("closed").range()], "}");
}
