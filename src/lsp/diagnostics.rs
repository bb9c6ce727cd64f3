//! bout's diagnostics as the protocol's: the same findings `bout check`
//! reports, with UTF-16 ranges, the rule's documentation linked, related
//! locations and tags.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};

use super::position::range;
use crate::diag::{self, Diagnostic, Severity};
use crate::syntax::lines::LineIndex;

/// `diagnostic` as the protocol's, in `uri`. `rules_url` is where the rule
/// catalogue lives (each code is a heading there), when known.
pub fn to_lsp(
    diagnostic: &Diagnostic,
    index: &LineIndex<'_>,
    uri: &Uri,
    rules_url: Option<&str>,
) -> lsp_types::Diagnostic {
    let mut message = diagnostic.message.to_string();
    if let Some(help) = &diagnostic.help {
        // Editors show only the message; the help is what to do.
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(index, *span)),
            message: label.to_string(),
        })
        .collect();
    if !diagnostic.label.is_empty() {
        related.insert(
            0,
            DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), range(index, diagnostic.span)),
                message: diagnostic.label.to_string(),
            },
        );
    }
    let code = diagnostic.code;
    lsp_types::Diagnostic {
        range: range(index, diagnostic.span),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(code.code.to_owned())),
        code_description: rules_url
            .and_then(|base| format!("{base}#{}", code.code.to_lowercase()).parse().ok())
            .map(|href| CodeDescription { href }),
        source: Some("bout".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (code == &diag::UNUSED_CAST).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

/// Where the rule catalogue is: `docs/rules.md` of the source tree bout
/// was built from, when it is still there (a `cargo install --path .` from
/// a clone keeps it).
pub fn default_rules_url() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    path.is_file().then(|| format!("file://{}", path.display()))
}
