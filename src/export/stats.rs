//! Fight statistics, CompuBox style: punches thrown and landed per fighter,
//! per round and in total, jabs against power punches, knockdowns scored;
//! and the screenplay's screen time, estimated pages and dialogue.
//!
//! Punches follow CompuBox's definitions: a punch is a jab or a power punch
//! (cross, hook, uppercut, overhand, straight, haymaker: any punch but the
//! jab). Slaps, backhands, elbows, knees, kicks, headbutts and strikes a
//! script declares in `moves` are no punches: they are counted apart, as
//! other strikes; grapples and feints not at all. A flurry `xN` is N blows:
//! all landed when the move lands (`hit`, `stagger`, `down`, `out`, `cut`,
//! `swell`), none when it is evaded, defended or missed, and none landed
//! when no reaction is written. Knockdowns count every strike's.

use std::fmt::Write;

use ecow::EcoString;
use serde::Serialize;

use crate::model::Model;
use crate::syntax::ast::*;

/// The statistics of a script.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Every fighter who fights, in order of first appearance.
    pub fighters: Vec<FighterStats>,
    /// Screen time and pages.
    pub screen: ScreenStats,
    /// Every character who speaks, in order of first line.
    pub characters: Vec<CharacterStats>,
}

/// One fighter's punches.
#[derive(Debug, Default, Serialize)]
pub struct FighterStats {
    /// Cast id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The pronouns the cast declares, for whoever writes about the fight
    /// from these numbers; absent when none are declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<Pronouns>,
    /// Punches thrown.
    pub thrown: u32,
    /// Punches landed.
    pub landed: u32,
    /// Landed as a percentage of thrown, rounded.
    pub landed_pct: u32,
    /// Jabs thrown.
    pub jabs_thrown: u32,
    /// Jabs landed.
    pub jabs_landed: u32,
    /// Power punches (cross, hook, uppercut, overhand, straight, haymaker)
    /// thrown.
    pub power_thrown: u32,
    /// Power punches landed.
    pub power_landed: u32,
    /// Other strikes (slap, backhand, elbow, knee, kick, headbutt, declared
    /// strikes) thrown: no punches, so not in `thrown`.
    pub other_thrown: u32,
    /// Other strikes landed.
    pub other_landed: u32,
    /// Knockdowns scored (each `down` or `out` the fighter's strikes caused).
    pub knockdowns: u32,
    /// Per round, in fight and round order.
    pub rounds: Vec<RoundStats>,
}

/// One fighter's punches in one round.
#[derive(Debug, Serialize)]
pub struct RoundStats {
    /// Index of the fight in the script (1-based).
    pub fight: usize,
    /// The round (absent in a street fight).
    pub round: Option<u32>,
    /// Punches thrown.
    pub thrown: u32,
    /// Punches landed.
    pub landed: u32,
}

/// Screen time and length.
#[derive(Debug, Serialize)]
pub struct ScreenStats {
    /// Total screen time, milliseconds.
    pub duration_ms: u64,
    /// Total screen time, `m:ss`.
    pub duration: String,
    /// Estimated pages, at a page a minute.
    pub pages: f64,
    /// Scenes.
    pub scenes: usize,
}

/// One character's dialogue.
#[derive(Debug, Serialize)]
pub struct CharacterStats {
    /// Cast id (shared with the script's tree, not copied).
    pub id: EcoString,
    /// The name on the cue (shared with the cast's).
    pub cue: EcoString,
    /// The pronouns the cast declares; absent when none are declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<Pronouns>,
    /// Lines of dialogue.
    pub lines: u32,
    /// Words spoken.
    pub words: u32,
}

/// Whether a reaction lands.
fn lands(kind: ReactionKind) -> bool {
    use ReactionKind::*;
    matches!(kind, Hit | Stagger | Down | Out | Cut | Swell)
}

/// Computes the statistics of `model`.
pub fn compute(model: &Model<'_>) -> Stats {
    let mut fighters: Vec<FighterStats> = Vec::new();
    let mut fighter_index: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (fight_index, fight) in model.fights.iter().enumerate() {
        for fact in &fight.facts.events {
            let StmtKind::Move(attack) = &fact.stmt.kind else {
                continue;
            };
            let strike = model
                .names
                .technique(&attack.technique.value)
                .is_some_and(|t| t.kind == MoveKind::Strike);
            if !strike {
                continue;
            }
            let id = attack.attacker.value.to_string();
            let index = match fighter_index.get(&id) {
                Some(&i) => i,
                None => {
                    fighter_index.insert(id.clone(), fighters.len());
                    let name = model
                        .names
                        .member(&id)
                        .map_or(id.clone(), |m| m.name.to_string());
                    fighters.push(FighterStats {
                        id: id.clone(),
                        name,
                        pronouns: model.names.pronouns(&id),
                        ..FighterStats::default()
                    });
                    fighters.len() - 1
                }
            };
            let n = attack.flurry();
            let reaction = attack.reaction.as_ref().map(|r| r.kind.value);
            let landed = if reaction.is_some_and(lands) { n } else { 0 };
            let knockdown = u32::from(matches!(
                reaction,
                Some(ReactionKind::Down | ReactionKind::Out)
            ));
            let f = &mut fighters[index];
            f.knockdowns += knockdown;
            let class = Technique::from_word(&attack.technique.value)
                .and_then(Technique::punch_class)
                .unwrap_or(PunchClass::NotAPunch);
            match class {
                PunchClass::Jab => {
                    f.jabs_thrown += n;
                    f.jabs_landed += landed;
                }
                PunchClass::Power => {
                    f.power_thrown += n;
                    f.power_landed += landed;
                }
                PunchClass::NotAPunch => {
                    f.other_thrown += n;
                    f.other_landed += landed;
                    continue;
                }
            }
            f.thrown += n;
            f.landed += landed;
            let key = (fight_index + 1, fact.round());
            // Fights come in order, so a fighter's rounds of this fight are
            // at the end of the list: only they are searched (a fighter in
            // thousands of fights made a search of all of them per move).
            match f
                .rounds
                .iter_mut()
                .rev()
                .take_while(|r| r.fight == key.0)
                .find(|r| r.round == key.1)
            {
                Some(r) => {
                    r.thrown += n;
                    r.landed += landed;
                }
                None => f.rounds.push(RoundStats {
                    fight: key.0,
                    round: key.1,
                    thrown: n,
                    landed,
                }),
            }
        }
    }
    for f in &mut fighters {
        f.landed_pct = (f.landed * 100 + f.thrown / 2)
            .checked_div(f.thrown)
            .unwrap_or(0);
        f.rounds.sort_by_key(|r| (r.fight, r.round));
    }
    // Made at its size (the speakers are counted first): a list grown by
    // doubling held a cast of a million one and a half times over.
    let mut characters: Vec<CharacterStats> = Vec::with_capacity(speakers(model));
    let mut scenes = 0;
    count_dialogue(
        model,
        &model.script.items,
        &mut Speakers {
            list: &mut characters,
            by_member: vec![0; model.names.cast.len()],
            others: std::collections::HashMap::new(),
        },
        &mut scenes,
    );
    let duration_ms = model
        .graph
        .order()
        .map(|n| model.graph.graph[n].screen_start + model.graph.screen_duration(n))
        .max()
        .unwrap_or(0);
    Stats {
        fighters,
        screen: ScreenStats {
            duration_ms,
            duration: format!("{}:{:02}", duration_ms / 60_000, (duration_ms / 1000) % 60),
            pages: (duration_ms as f64 / 60_000.0 * 10.0).round() / 10.0,
            scenes,
        },
        characters,
    }
}

/// The characters met so far, in order, and where each is in the list:
/// for a cast member, by its place in the cast (a number per member, not a
/// map of copied ids: a cast of a million held its ids twice over).
struct Speakers<'a, 'm> {
    list: &'a mut Vec<CharacterStats>,
    /// Each cast member's place in `list`, plus one (0: not met yet).
    by_member: Vec<u32>,
    /// Speakers outside the cast (a name error that was allowed), by id.
    others: std::collections::HashMap<&'m str, usize>,
}

/// How many characters speak: cast members and others, each once.
fn speakers(model: &Model<'_>) -> usize {
    let mut met = vec![false; model.names.cast.len()];
    let mut others = std::collections::HashSet::new();
    let mut count = 0;
    for stmt in crate::syntax::visit::statements(&model.script.items) {
        if let StmtKind::Dialogue { speaker, .. } = &stmt.kind {
            let new = match model.names.member_index(&speaker.value) {
                Some(m) => !std::mem::replace(&mut met[m], true),
                None => others.insert(speaker.value.as_str()),
            };
            count += usize::from(new);
        }
    }
    count
}

fn count_dialogue<'m>(
    model: &Model<'_>,
    items: &'m [Stmt],
    out: &mut Speakers<'_, 'm>,
    scenes: &mut usize,
) {
    for stmt in crate::syntax::visit::statements(items) {
        match &stmt.kind {
            StmtKind::Scene { .. } => *scenes += 1,
            StmtKind::Dialogue { speaker, line, .. } => {
                let id = &speaker.value;
                let words = line
                    .value
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count() as u32;
                let member = model.names.member_index(id);
                let met = match member {
                    Some(m) => out.by_member[m].checked_sub(1).map(|i| i as usize),
                    None => out.others.get(id.as_str()).copied(),
                };
                match met {
                    Some(i) => {
                        let c = &mut out.list[i];
                        c.lines += 1;
                        c.words += words;
                    }
                    None => {
                        let at = out.list.len();
                        match member {
                            Some(m) => out.by_member[m] = at as u32 + 1,
                            None => {
                                out.others.insert(id.as_str(), at);
                            }
                        }
                        let cue = member.map_or_else(
                            || id.as_str().replace('_', " ").into(),
                            |m| model.names.cast[m].cue.clone(),
                        );
                        out.list.push(CharacterStats {
                            pronouns: member.and_then(|m| model.names.cast[m].pronouns),
                            id: id.clone(),
                            cue,
                            lines: 1,
                            words,
                        });
                    }
                }
            }
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Transition { .. }
            | StmtKind::Action { .. }
            | StmtKind::Shot { .. }
            | StmtKind::Sound { .. }
            | StmtKind::Note { .. }
            | StmtKind::Pause
            | StmtKind::Page { .. }
            | StmtKind::Montage { .. }
            | StmtKind::Fight { .. }
            | StmtKind::Setting(_)
            | StmtKind::Round { .. }
            | StmtKind::Corner { .. }
            | StmtKind::RoundsMontage { .. }
            | StmtKind::Result(_)
            | StmtKind::Exchange { .. }
            | StmtKind::Move(_)
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell
            | StmtKind::Broken { .. } => {}
        }
    }
}

/// The statistics as aligned tables.
pub fn table(stats: &Stats) -> String {
    let mut out = String::new();
    let name_width = stats
        .fighters
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let _ = writeln!(out, "PUNCH STATS");
    let _ = writeln!(
        out,
        "{:<name_width$}  {:>6}  {:>6}  {:>5}  {:>11}  {:>11}  {:>11}  {:>11}",
        "fighter", "thrown", "landed", "pct", "jabs", "power", "other", "knockdowns"
    );
    for f in &stats.fighters {
        let _ = writeln!(
            out,
            "{:<name_width$}  {:>6}  {:>6}  {:>4}%  {:>11}  {:>11}  {:>11}  {:>11}",
            f.name,
            f.thrown,
            f.landed,
            f.landed_pct,
            format!("{}/{}", f.jabs_landed, f.jabs_thrown),
            format!("{}/{}", f.power_landed, f.power_thrown),
            format!("{}/{}", f.other_landed, f.other_thrown),
            f.knockdowns
        );
    }
    let _ = writeln!(
        out,
        "(punches: jabs and power punches; other: slaps, backhands, elbows, knees, kicks, headbutts and declared strikes)"
    );
    for f in &stats.fighters {
        let _ = writeln!(out, "\n{} by round (landed/thrown)", f.name);
        for r in &f.rounds {
            let round = r.round.map_or("—".to_owned(), |r| r.to_string());
            let _ = writeln!(
                out,
                "  fight {}  round {:>3}  {:>4}/{:<4}",
                r.fight, round, r.landed, r.thrown
            );
        }
    }
    let _ = writeln!(
        out,
        "\nSCREEN\n  time {}  ·  about {:.1} page{}  ·  {} scene{}",
        stats.screen.duration,
        stats.screen.pages,
        // "1.0 page", as it is printed.
        if format!("{:.1}", stats.screen.pages) == "1.0" {
            ""
        } else {
            "s"
        },
        stats.screen.scenes,
        if stats.screen.scenes == 1 { "" } else { "s" }
    );
    let cue_width = stats
        .characters
        .iter()
        .map(|c| c.cue.chars().count())
        .max()
        .unwrap_or(9)
        .max(9);
    let _ = writeln!(
        out,
        "\nDIALOGUE\n  {:<cue_width$}  {:>5}  {:>5}",
        "character", "lines", "words"
    );
    for c in &stats.characters {
        let _ = writeln!(
            out,
            "  {:<cue_width$}  {:>5}  {:>5}",
            c.cue, c.lines, c.words
        );
    }
    out
}
