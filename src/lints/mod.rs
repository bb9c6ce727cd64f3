//! The lints: rules over the checked model, one rule per file in `rules/`.
//!
//! Every rule reads the model (facts about each fight, the scheduled event
//! graph) and reports; none changes it. Each rule's file declares its code
//! (the catalogue entry: name, default level, category, explanation) beside
//! its check; the table [`LINTS`] lists every rule once, and the catalogue
//! `crate::diag::CODES` takes the lint codes from it.

mod rules;

pub use rules::codes;

use crate::config::{Config, Level};
use crate::diag::{Code, Diagnostic};
use crate::model::Model;
use crate::model::state::EventFact;
use crate::syntax::ast::*;

/// A rule's check: reads the model, pushes diagnostics.
pub type Check = fn(&Model<'_>, &mut Vec<Diagnostic>);

/// Every lint with its check, in code order.
pub const LINTS: &[(&Code, Check)] = rules::LINTS;

/// Runs every lint over `model` but those `config` sets to `allow`: a rule
/// allowed in `bout.toml` does not run at all. (An inline
/// `// bout: allow(…)` allows a rule on one line only, so the rule runs and
/// `config::apply` drops what it reports there.)
///
/// The rules run in parallel (rayon), each into its own list; the lists
/// are joined in the order of [`LINTS`], so the result does not depend on
/// the schedule.
pub fn run(model: &Model<'_>, config: &Config) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let lists: Vec<Vec<Diagnostic>> = LINTS
        .par_iter()
        .filter(|(code, _)| config.levels.get(code.code) != Some(&Level::Allow))
        .map(|(_, check)| {
            let mut out = Vec::new();
            check(model, &mut out);
            out
        })
        .collect();
    concat(lists)
}

/// The lists one after the other, grown once from the first that has any
/// (most often the only one: 100k findings of one rule are not copied, nor
/// held twice while a new list doubles).
fn concat(lists: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let total = lists.iter().map(Vec::len).sum::<usize>();
    let mut lists = lists.into_iter().filter(|list| !list.is_empty());
    let Some(mut out) = lists.next() else {
        return Vec::new();
    };
    out.reserve_exact(total - out.len());
    for mut list in lists {
        out.append(&mut list);
    }
    out
}

/// [`run`] in two parts, for a check that keeps what it can for the next:
/// every lint but X005 (`fight-call-too-long`), whose finding is about the
/// whole script's fight call, not about a scene; and each fight's share of
/// that call, when X005 runs (it is not allowed, on `production stage` or
/// `screen`), from which [`call_report`] makes X005's finding. `run` and
/// this give the same findings.
pub(crate) fn run_by_scene(
    model: &Model<'_>,
    config: &Config,
) -> (Vec<Diagnostic>, Option<Vec<crate::model::call::Share>>) {
    let local = Config {
        levels: config
            .levels
            .iter()
            .map(|(k, v)| (*k, *v))
            .chain([(rules::FIGHT_CALL_CODE.code, Level::Allow)])
            .collect(),
        ..config.clone()
    };
    let shares = call_runs(model.production, config)
        .then(|| crate::model::call::shares(model, crate::model::call::DEFAULT_SPEED_LIMIT));
    (run(model, &local), shares)
}

/// Whether X005 runs on a production of `mode` under `config`.
pub(crate) fn call_runs(mode: ProductionMode, config: &Config) -> bool {
    rules::call_applies(mode)
        && config.levels.get(rules::FIGHT_CALL_CODE.code) != Some(&Level::Allow)
}

/// X005's finding on the call made of `shares` (each fight's, in the
/// script's order; left in the call's order).
pub(crate) fn call_report(shares: &mut [crate::model::call::Share]) -> Option<Diagnostic> {
    rules::call_report(shares)
}

/// Where fighter `side` went down for the knockdown still open at event
/// `at` of `events`: the reaction (or the statement) of the last event
/// before which they were not down. For a count's related locations.
fn knockdown_before(events: &[EventFact<'_>], at: usize, side: usize) -> Option<Span> {
    use crate::model::state::Condition;
    let j = (0..at)
        .rev()
        .find(|&j| events[j].before.condition[side] != Condition::Down)?;
    let stmt = events[j].stmt;
    Some(match &stmt.kind {
        StmtKind::Move(m) => m.reaction.as_ref().map_or(stmt.span, |r| r.span),
        _ => stmt.span,
    })
}

/// The move of an event fact, if it is one.
fn attack<'a>(fact: &EventFact<'a>) -> Option<&'a Move> {
    if let StmtKind::Move(attack) = &fact.stmt.kind {
        Some(attack)
    } else {
        None
    }
}

/// Every move of every fight, with its fight and fact.
fn moves<'m, 'a>(
    model: &'m Model<'a>,
) -> impl Iterator<Item = (&'m crate::model::Fight<'a>, &'m EventFact<'a>, &'a Move)> {
    model
        .fights
        .iter()
        .flat_map(|fight| fight.facts.events.iter().map(move |fact| (fight, fact)))
        .filter_map(|(fight, fact)| attack(fact).map(|a| (fight, fact, a)))
}

/// The moves that may be fouls: in a fight whose ruleset has fouls, not
/// answered by the referee at once, and before the fight has ended.
fn foul_candidates<'m, 'a>(
    model: &'m Model<'a>,
) -> impl Iterator<Item = (&'m crate::model::Fight<'a>, &'m EventFact<'a>, &'a Move)> {
    model
        .fights
        .iter()
        .filter(|fight| fight.rules.fouls)
        .flat_map(|fight| {
            let events = &fight.facts.events;
            events.iter().enumerate().filter_map(move |(i, fact)| {
                let attack = attack(fact)?;
                let answered = events
                    .get(i + 1)
                    .is_some_and(|next| answers(fight, next, &attack.attacker));
                (!answered && !fact.ended_before()).then_some((fight, fact, attack))
            })
        })
}

/// The foul-target rules (`low-blow`, `rabbit-punch`, `kidney-punch`): a
/// strike to one of `targets` that may be a foul (see [`foul_candidates`]),
/// reported as `code` on the target, with `message` for the target and
/// `label`, and help to have the referee answer it.
fn foul_to_target(
    model: &Model<'_>,
    out: &mut Vec<Diagnostic>,
    code: &'static Code,
    targets: &[Target],
    message: impl Fn(Target) -> String,
    label: &'static str,
) {
    for (_, _, attack) in foul_candidates(model) {
        if kind(model, attack) != MoveKind::Strike {
            continue;
        }
        let Some(target) = attack.target.filter(|t| targets.contains(&t.value)) else {
            continue;
        };
        out.push(
            Diagnostic::new(code, target.span, message(target.value))
                .label(label)
                .help(format!(
                    "if the story means it, have the referee answer it next: `REF warn {}`",
                    attack.attacker.value
                )),
        );
    }
}

/// Whether `next` answers a foul by `fouler`: the fight's referee (any
/// referee when the fight names none) warns, deducts, disqualifies or stops
/// the fouler, no one else. Only the event right after the foul can answer it.
fn answers(fight: &crate::model::Fight<'_>, next: &EventFact<'_>, fouler: &Ident) -> bool {
    let StmtKind::Referee { referee, action } = &next.stmt.kind else {
        return false;
    };
    let punished = match action {
        RefereeAction::Warn { fighter, .. }
        | RefereeAction::Deduct { fighter, .. }
        | RefereeAction::Disqualify { fighter }
        | RefereeAction::Stop { fighter } => fighter,
        RefereeAction::Count(_) | RefereeAction::Break => return false,
    };
    let the_referee = fight.referee.is_none_or(|r| r.value == referee.value);
    the_referee && punished.value == fouler.value
}

/// The kind of a move's technique: built in, or from `moves` (unknown ones
/// count as strikes, the cautious guess for the safety rules).
/// `id` as the subject of a verb in a message: the pronoun the cast
/// declares, with the verb agreeing ("she rises", "they rise"), else the id
/// itself ("`DEVI` rises"), so no message guesses anyone's pronouns.
fn subject_verb(model: &Model<'_>, id: &str, singular: &str, plural: &str) -> String {
    match model.names.pronouns(id) {
        Some(p) => format!("{} {}", p.subject(), p.agree(singular, plural)),
        None => format!("`{id}` {singular}"),
    }
}

/// `id` as an object in a message: "her", "them", or "`DEVI`".
fn object(model: &Model<'_>, id: &str) -> String {
    match model.names.pronouns(id) {
        Some(p) => p.object().to_owned(),
        None => format!("`{id}`"),
    }
}

fn kind(model: &Model<'_>, attack: &Move) -> MoveKind {
    model
        .names
        .technique(&attack.technique.value)
        .map_or(MoveKind::Strike, |t| t.kind)
}

/// Whether a reaction means the move landed.
fn lands(reaction: &Reaction) -> bool {
    use ReactionKind::*;
    matches!(
        reaction.kind.value,
        Hit | Stagger | Down | Out | Cut | Swell
    )
}

/// Whether `target` is on the head.
fn is_head(target: Target) -> bool {
    use Target::*;
    matches!(
        target,
        Head | Chin | Jaw | Nose | Eye | Temple | Ear | BackOfHead
    )
}

/// The move's modifier of the given kind, if written.
fn modifier<T>(attack: &Move, pick: impl Fn(&Modifier) -> Option<T>) -> Option<(T, Span)> {
    attack
        .modifiers
        .iter()
        .find_map(|m| pick(&m.value).map(|v| (v, m.span)))
}

/// How `ending` ended `fight`, for a label: "by knockout", "by the third
/// knockdown of ROCKY in round 2 (the three-knockdown rule)".
fn ending_words(fight: &crate::model::Fight<'_>, ending: &crate::model::state::Ending) -> String {
    use crate::model::state::EndCause;
    let loser = &fight.fighters[1 - ending.winner].value;
    match ending.cause {
        EndCause::Out | EndCause::CountOut => "by knockout".into(),
        EndCause::ThreeKnockdowns => match ending.round {
            Some(r) => {
                format!("by the third knockdown of {loser} in round {r} (the three-knockdown rule)")
            }
            None => format!("by the third knockdown of {loser} (the three-knockdown rule)"),
        },
        EndCause::Stop => "by the referee's stoppage".into(),
        EndCause::Towel => "by the towel thrown during the round".into(),
        EndCause::Retirement => "by retirement in the corner".into(),
        EndCause::Disqualification => format!("by the disqualification of {loser}"),
    }
}

/// The help line that says how to turn the three-knockdown rule off.
const THREE_KNOCKDOWN_HELP: &str = "three knockdowns in one round end the fight under the three-knockdown rule; write `three-knockdown off` in the fight's settings to let it go on";

#[cfg(test)]
mod tests {
    use super::*;

    /// `run` drops nothing itself: a rule whose diagnostics are missing
    /// did not run.
    #[test]
    fn a_rule_allowed_in_bout_toml_does_not_run() {
        let source = include_str!("../../tests/rules/low-blow.bad.bout");
        let checked = crate::check::check(source);
        let model = checked.model();
        let codes = |config: &Config| -> Vec<&str> {
            run(&model, config).iter().map(|d| d.code.code).collect()
        };
        assert_eq!(codes(&Config::default()), ["L001"]);
        let mut config = Config::default();
        config.levels.insert("L001", Level::Allow);
        assert!(codes(&config).is_empty());
        config.levels.insert("L001", Level::Deny);
        assert_eq!(codes(&config), ["L001"]);
    }
}
