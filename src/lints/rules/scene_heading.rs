//! P001 `scene-heading`: on `production screen` or `page`, a heading that
//! does not start as Fountain's scene headings do.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// P001 `scene-heading`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "P001",
    name: "scene-heading",
    severity: Severity::Warning,
    category: Category::Form,
    what: "Reports, on `production screen` or `page`, a scene heading that does not start as Fountain's do: INT, EXT, EST, INT./EXT, INT/EXT or I/E, then a period or a space.",
    why: "Readers, schedulers and screenplay software find scenes by these prefixes. A stage play's scenes are named freely (`ACT TWO, SCENE THREE`), so `production stage` is not checked.",
    example: r#"scene "MOSCOW ARENA" { … }"#,
    instead: r#"scene "INT. MOSCOW ARENA - NIGHT" { … }"#,
};

/// The prefixes a scene heading may start with, as the Fountain spec lists
/// them; each is followed by a period or a space (`INT.`, `INT `,
/// `INT./EXT.`, `I/E `). Longer ones first, so the message can name the
/// one matched.
pub(crate) const PREFIXES: &[&str] = &["INT./EXT", "INT/EXT", "INT", "EXT", "EST", "I/E"];

/// Whether `heading` starts as a Fountain scene heading (case-insensitive).
pub(crate) fn is_heading(heading: &str) -> bool {
    let upper = heading.trim_start().to_uppercase();
    PREFIXES.iter().any(|p| {
        upper
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(['.', ' ']))
    })
}

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    // A stage play names its scenes freely: `ACT TWO, SCENE THREE`.
    if model.production == ProductionMode::Stage {
        return;
    }
    for stmt in &model.index.scenes {
        if let StmtKind::Scene { heading, .. } = &stmt.kind
            && !is_heading(&heading.value)
            // A blank heading prints none: the opening before the first scene.
            && !heading.value.trim().is_empty()
        {
            out.push(
                Diagnostic::new(
                    &CODE,
                    heading.span,
                    "scene heading without an INT. or EXT. prefix",
                )
                .label("starts with neither INT., EXT., INT./EXT., I/E nor EST.")
                .help(format!(
                    "start the heading with where the scene is, such as \"INT. {}\"",
                    heading.value.trim()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_heading;

    #[test]
    fn fountain_prefixes_with_or_without_the_period() {
        for heading in [
            "INT. GYM - DAY",
            "INT GYM - DAY",
            "EXT. STREET",
            "ext street",
            "EST. PHILADELPHIA",
            "EST PHILADELPHIA",
            "INT./EXT. CAR",
            "INT./EXT CAR",
            "INT/EXT. CAR",
            "INT/EXT CAR",
            "I/E CAR",
            "I/E. CAR",
            "  INT. GYM",
        ] {
            assert!(is_heading(heading), "{heading:?}");
        }
        for heading in [
            "INTERIOR GYM",
            "EXTRA ROOM",
            "ESTATE",
            "I/EX",
            "MOSCOW",
            "INT",
            "",
        ] {
            assert!(!is_heading(heading), "{heading:?}");
        }
    }
}
