//! The default durations of beats and events: the table of
//! `docs/timing.md`, which a test keeps in step with this file.

use crate::names::Names;
use crate::syntax::ast::*;

/// The default duration of technique `name`, in milliseconds, when `moves`
/// does not give one.
pub fn technique_millis(technique: Technique) -> u64 {
    use Technique::*;
    match technique {
        Jab => 400,
        Cross | Straight | Backhand | Elbow => 600,
        Hook | Uppercut => 700,
        Overhand | Knee | Headbutt => 800,
        Slap => 500,
        Haymaker => 1200,
        Kick => 1000,
        Push => 800,
        Shove | Grab => 1000,
        Clinch | Throw => 2000,
        Tackle => 1500,
        Feint => 500,
    }
}

/// How long the defender's reaction adds to a move, in milliseconds.
pub fn reaction_millis(reaction: ReactionKind) -> u64 {
    use ReactionKind::*;
    match reaction {
        Slip | Duck | Roll | Weave | StepBack => 300,
        Block | Parry | Cover | Miss => 0,
        Clinch => 2000,
        Hit => 300,
        Stagger => 1000,
        Cut | Swell => 500,
        Down => 2000,
        Out => 3000,
    }
}

/// Words read or spoken per second: dialogue at 150 words a minute,
/// action at 180 (it is shown, not read aloud).
pub const DIALOGUE_WORDS_PER_MINUTE: u64 = 150;
/// See [`DIALOGUE_WORDS_PER_MINUTE`].
pub const ACTION_WORDS_PER_MINUTE: u64 = 180;
/// The shortest a line of dialogue or action lasts.
pub const MIN_TEXT_MILLIS: u64 = 1000;
/// Screen length of each round of a rounds montage without `screen`.
pub const MONTAGE_MILLIS_PER_ROUND: u64 = 5000;

/// The duration of statement `stmt` as written (its own `for`, or the
/// default for its kind). Blocks have none of their own: theirs is their
/// contents'.
pub fn duration(stmt: &Stmt, names: &Names) -> u64 {
    if let Some(d) = stmt.duration() {
        return d.value.millis;
    }
    match &stmt.kind {
        StmtKind::Dialogue { line, .. } => words(&line.value, DIALOGUE_WORDS_PER_MINUTE),
        StmtKind::Action { text } => words(&text.value, ACTION_WORDS_PER_MINUTE),
        StmtKind::Shot { .. } | StmtKind::Sound { .. } => 2000,
        StmtKind::Transition { .. } => 1000,
        StmtKind::Note { .. } => 0,
        // Centred text is read like action; a lyric is sung, at the pace of
        // speech; the outline and page breaks take no time.
        StmtKind::Page { kind, text, .. } => {
            let text = text.as_ref().map_or("", |t| t.value.as_str());
            match kind.value {
                PageKind::Centered => words(text, ACTION_WORDS_PER_MINUTE),
                PageKind::Lyric => words(text, DIALOGUE_WORDS_PER_MINUTE),
                PageKind::Section | PageKind::Synopsis | PageKind::PageBreak => 0,
            }
        }
        StmtKind::Pause => 1000,
        StmtKind::Move(attack) => move_millis(attack, names),
        StmtKind::Referee { action, .. } => match action {
            RefereeAction::Count(n) => u64::from(n.value) * 1000,
            RefereeAction::Break => 1500,
            RefereeAction::Warn { .. } => 3000,
            RefereeAction::Deduct { .. } => 4000,
            RefereeAction::Disqualify { .. } => 5000,
            RefereeAction::Stop { .. } => 3000,
        },
        StmtKind::Up { .. } => 1000,
        StmtKind::Towel { .. } => 2000,
        // Declarations take no time; a block lasts as long as what it
        // holds, which the graph adds up; a bell is an instant.
        StmtKind::TitleField { .. }
        | StmtKind::Production { .. }
        | StmtKind::Cast { .. }
        | StmtKind::CastMember(_)
        | StmtKind::Moves { .. }
        | StmtKind::Scene { .. }
        | StmtKind::Montage { .. }
        | StmtKind::Fight { .. }
        | StmtKind::Setting(_)
        | StmtKind::Round { .. }
        | StmtKind::Corner { .. }
        | StmtKind::RoundsMontage { .. }
        | StmtKind::Result(_)
        | StmtKind::Exchange { .. }
        | StmtKind::Bell
        | StmtKind::Broken { .. } => 0,
    }
}

/// A move: the technique's time for each blow of a flurry, slowed by
/// `speed`, plus the reaction; or its own `for`.
pub fn move_millis(attack: &Move, names: &Names) -> u64 {
    let mut flurry = 1u64;
    let mut speed = 100u64;
    for modifier in &attack.modifiers {
        match modifier.value {
            Modifier::For(d) => return d.millis,
            Modifier::Flurry(n) => flurry = u64::from(n.max(1)),
            Modifier::Speed(p) => speed = u64::from(p.max(1)),
            _ => {}
        }
    }
    let technique = Technique::from_word(&attack.technique.value)
        .map(technique_millis)
        .or_else(|| {
            names
                .technique(&attack.technique.value)
                .and_then(|t| t.duration)
                .map(|d| d.millis)
        })
        .unwrap_or(600);
    let reaction = attack
        .reaction
        .as_ref()
        .map_or(0, |r| reaction_millis(r.kind.value));
    (technique.saturating_mul(flurry)).saturating_mul(100) / speed + reaction
}

fn words(text: &str, per_minute: u64) -> u64 {
    let count = text.split_whitespace().count() as u64;
    (count * 60_000 / per_minute).max(MIN_TEXT_MILLIS)
}
