//! `S030 invalid-scene-number`: a scene's `number "…"` that a shooting
//! script could not print.

use crate::diag::{self, Diagnostic};
use crate::syntax::ast::*;

/// Whether `number` is what shooting scripts number scenes with: letters,
/// digits, `-` and `.` (`12`, `12A`, `A12`, `12.1`, `I-3`), at most 16 of
/// them. Fountain reads nothing else between its `#…#`.
pub fn printable(number: &str) -> bool {
    !number.is_empty()
        && number.chars().count() <= 16
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

pub(super) fn check(stmt: &Stmt, out: &mut Vec<Diagnostic>) {
    let StmtKind::Scene {
        number: Some(number),
        ..
    } = &stmt.kind
    else {
        return;
    };
    if printable(&number.value) {
        return;
    }
    out.push(
        Diagnostic::new(
            &diag::INVALID_SCENE_NUMBER,
            number.span,
            "scene number a shooting script cannot print",
        )
        .label("not letters, digits, `-` and `.`")
        .help(
            "number the scene with up to 16 letters, digits, `-` and `.`, such as `number \"12A\"`",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn shooting_script_numbers_print() {
        for ok in ["1", "12A", "A12", "12.1", "I-3"] {
            assert!(printable(ok), "{ok}");
        }
        for bad in ["", "12 A", "#1#", "12\u{202E}", "ABCDEFGHIJKLMNOPQ"] {
            assert!(!printable(bad), "{bad:?}");
        }
    }
}
