//! `bout explain`: one rule's documentation, or the rules that mention a
//! word.

use bout::diag::{self, Code};
use bout::report;

use super::{ExitStatus, write_stdout};

/// `bout explain RULE`.
#[derive(clap::Args)]
pub struct Args {
    /// The rule's code (`L001`) or name (`low-blow`); any other word
    /// (`kidney`) lists the rules that mention it.
    rule: String,
}

/// Runs `bout explain`.
pub fn run(args: &Args) -> ExitStatus {
    let rule = args.rule.as_str();
    if let Some(code) = Code::lookup(rule) {
        return write_stdout(report::explain(code).as_bytes());
    }
    let help = diag::did_you_mean(rule, diag::CODES.iter().map(|c| c.name))
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    let shown = report::visible_text(rule);
    // Not a code or a name: the rules that mention it, if any.
    let found = diag::search(rule);
    if found.is_empty() {
        eprintln!("error: no rule is called `{shown}`{help}; `bout rules` lists them all");
        return ExitStatus::Error;
    }
    let text = format!(
        "no rule is called `{shown}`{help}; {} it (`bout explain CODE` for one):\n\n{}",
        match found.len() {
            1 => "1 rule mentions".to_owned(),
            n => format!("{n} rules mention"),
        },
        report::rules_table_of(&found)
    );
    write_stdout(text.as_bytes())
}
