//! Completion by context: what may come next at the cursor, read from the
//! block the cursor stands in (from the tree) and the words already
//! written on its line (from the text, so a half-typed line completes).
//!
//! In a fight: the fight's fighters where a move starts, techniques (built
//! in and from `moves`), sides, targets, the modifiers this move does not
//! have yet, `->`, the defenders, reactions and their details; the
//! referee's verbs. Elsewhere: the keywords valid in the block, settings
//! and their values, rulesets, cast roles and attributes, `#labels` after
//! `after`, rule names in `// bout: allow(`, and snippets for `fight`,
//! `round`, `exchange`, `corner` and `montage`.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    InsertTextFormat, TextEdit,
};

use super::{Ctx, Failure};
use crate::diag::{self, Category};
use crate::names::Names;
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::visit::{self, Node};

/// The block the cursor stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Top,
    Cast,
    Moves,
    Scene,
    Montage,
    Fight,
    Round,
    Exchange,
    Corner,
    RoundsMontage,
}

/// `textDocument/completion`.
pub fn complete(
    ctx: &Ctx<'_>,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>, Failure> {
    let offset = ctx.offset(params.text_document_position.position);
    let line = ctx.index.line_of(offset);
    let line_start = ctx.index.line_start(line);
    let before = &ctx.text[line_start..offset];
    let mut list = List::default();
    if let Some(comment) = before.find("//") {
        rule_names(&before[comment..], &mut list);
    } else if before.matches('"').count().is_multiple_of(2) {
        let partial_len =
            before.len() - before.trim_end_matches(|c: char| !c.is_whitespace()).len();
        let words: Vec<&str> = before[..before.len() - partial_len]
            .split_whitespace()
            .collect();
        in_line(ctx, offset as u32, &words, &mut list);
    }
    let partial_len = before.len()
        - before
            .trim_end_matches(|c: char| !c.is_whitespace() && c != '(' && c != ',')
            .len();
    let range = ctx.range(Span::new(offset - partial_len, offset));
    let snippets = ctx.options.snippets;
    let items = list
        .items
        .into_iter()
        .filter(|item| snippets || item.kind != Some(CompletionItemKind::SNIPPET))
        .enumerate()
        .map(|(i, mut item)| {
            let text = item
                .insert_text
                .take()
                .unwrap_or_else(|| item.label.clone());
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, text)));
            // Keep the order the context gives (most likely first).
            item.sort_text = Some(format!("{i:04}"));
            item
        })
        .collect();
    Ok(Some(CompletionResponse::Array(items)))
}

#[derive(Default)]
struct List {
    items: Vec<CompletionItem>,
}

impl List {
    fn add(&mut self, label: &str, kind: CompletionItemKind, detail: Option<String>) {
        if self.items.iter().any(|i| i.label == label) {
            return;
        }
        self.items.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            detail,
            ..Default::default()
        });
    }

    fn words(&mut self, words: &[&str], kind: CompletionItemKind) {
        for word in words {
            self.add(word, kind, None);
        }
    }

    fn snippet(&mut self, label: &str, body: String, detail: &str) {
        self.items.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(CompletionItemKind::SNIPPET),
            detail: Some(detail.to_owned()),
            insert_text: Some(body),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            ..Default::default()
        });
    }
}

/// Rule names after `// bout: allow(` and after each `,` in it.
fn rule_names(comment: &str, list: &mut List) {
    let Some(open) = comment.find("allow(") else {
        return;
    };
    if comment[open..].contains(')') {
        return;
    }
    let listed: Vec<&str> = comment[open + "allow(".len()..]
        .split(',')
        .map(str::trim)
        .collect();
    for code in diag::CODES
        .iter()
        .filter(|c| c.category != Category::Syntax && !listed.contains(&c.name))
    {
        list.add(
            code.name,
            CompletionItemKind::VALUE,
            Some(format!("{} {}", code.code, code.what)),
        );
    }
}

/// What the cursor's block is, with the fight it stands in.
fn block_at<'a>(ctx: &'a Ctx<'_>, offset: u32) -> (Block, Option<&'a Stmt>) {
    let path = visit::node_at(&ctx.checked.script, offset);
    let inside = |open: Span, close: Option<Span>| {
        open.end <= offset && close.is_none_or(|c| offset <= c.start)
    };
    let mut block = Block::Top;
    let mut fight = None;
    for node in path {
        let Node::Stmt(stmt) = node else { break };
        let this = match &stmt.kind {
            StmtKind::Cast { members } if inside(members.open, members.close) => Some(Block::Cast),
            StmtKind::Moves { moves } if inside(moves.open, moves.close) => Some(Block::Moves),
            StmtKind::Scene { body, .. } if inside(body.open, body.close) => Some(Block::Scene),
            StmtKind::Montage { body, .. } if inside(body.open, body.close) => Some(Block::Montage),
            StmtKind::Fight { body, .. } if inside(body.open, body.close) => {
                fight = Some(stmt);
                Some(Block::Fight)
            }
            StmtKind::Round { body, .. } if inside(body.open, body.close) => Some(Block::Round),
            StmtKind::Exchange { body, .. } if inside(body.open, body.close) => {
                Some(Block::Exchange)
            }
            StmtKind::Corner { body, .. } if inside(body.open, body.close) => Some(Block::Corner),
            StmtKind::RoundsMontage { body, .. } if inside(body.open, body.close) => {
                Some(Block::RoundsMontage)
            }
            StmtKind::Broken { keyword, body } if inside(body.open, body.close) => {
                match keyword.value.as_str() {
                    "scene" => Some(Block::Scene),
                    "fight" => Some(Block::Fight),
                    "round" => Some(Block::Round),
                    "exchange" => Some(Block::Exchange),
                    "corner" => Some(Block::Corner),
                    "montage" => Some(Block::Montage),
                    _ => None,
                }
            }
            _ => None,
        };
        match this {
            Some(b) => block = b,
            None => break,
        }
    }
    (block, fight)
}

/// The fighters of `fight`, or every fighter of the cast.
fn fighters<'a>(names: &'a Names, fight: Option<&'a Stmt>) -> Vec<&'a str> {
    match fight.map(|f| &f.kind) {
        Some(StmtKind::Fight { red, blue, .. }) => vec![red.value.as_str(), blue.value.as_str()],
        _ => names
            .cast
            .iter()
            .filter(|m| m.role == Role::Fighter)
            .map(|m| m.id.as_str())
            .collect(),
    }
}

/// The referee of `fight` (its `referee` setting), or every referee.
fn referees<'a>(names: &'a Names, fight: Option<&'a Stmt>) -> Vec<&'a str> {
    let set = fight.and_then(|f| f.body()).and_then(|b| {
        b.items.iter().find_map(|s| match &s.kind {
            StmtKind::Setting(Setting::Referee(id)) => Some(id.value.as_str()),
            _ => None,
        })
    });
    match set {
        Some(id) => vec![id],
        None => names
            .cast
            .iter()
            .filter(|m| m.role == Role::Referee)
            .map(|m| m.id.as_str())
            .collect(),
    }
}

fn cast(ctx: &Ctx<'_>, ids: &[&str], list: &mut List) {
    for id in ids {
        let detail = ctx
            .checked
            .names
            .member(id)
            .map(|m| format!("{} ({})", m.name, m.role.as_str()));
        list.add(id, CompletionItemKind::VARIABLE, detail);
    }
}

fn all_cast(ctx: &Ctx<'_>, list: &mut List, keep: impl Fn(Role) -> bool) {
    let ids: Vec<&str> = ctx
        .checked
        .names
        .cast
        .iter()
        .filter(|m| keep(m.role))
        .map(|m| m.id.as_str())
        .collect();
    cast(ctx, &ids, list);
}

/// Whether `id` is known to stand at `offset` in `fight`: the fight's next
/// event after the cursor finds them standing (so `up` would be F005).
/// Unknown (no event follows, or `id` is not its fighter) is not standing.
fn standing(ctx: &Ctx<'_>, fight: Option<&Stmt>, offset: u32, id: &str) -> bool {
    use crate::model::state::Condition;
    let Some(fight) = fight else { return false };
    let events = &ctx.story().events;
    let next = events.partition_point(|e| e.span.start < offset);
    events
        .get(next)
        .filter(|e| e.span.start < fight.span.end && !e.ended_before)
        .and_then(|e| {
            e.fighters
                .iter()
                .position(|f| f == id)
                .map(|side| (e, side))
        })
        .is_some_and(|(e, side)| e.before.condition[side] == Condition::Standing)
}

fn techniques(ctx: &Ctx<'_>, list: &mut List) {
    for t in &ctx.checked.names.techniques {
        let kind = format!("{:?}", t.kind).to_lowercase();
        let origin = if t.span.is_some() {
            ", from `moves`"
        } else {
            ""
        };
        list.add(
            &t.name,
            CompletionItemKind::FUNCTION,
            Some(format!("{kind}{origin}")),
        );
    }
}

fn in_line(ctx: &Ctx<'_>, offset: u32, words: &[&str], list: &mut List) {
    use CompletionItemKind as K;
    // `#label` being typed after `after`, or anywhere a label is wanted.
    if words.last() == Some(&"after") {
        // A block the line stands in ends after the line: waiting for it
        // is always a cycle (T005), so its label is not offered.
        let mut enclosing = Vec::new();
        let mut items = ctx.checked.script.items.as_slice();
        while let Some(stmt) = items
            .iter()
            .find(|s| s.span.start < offset && offset <= s.span.end)
        {
            enclosing.extend(stmt.label().map(|l| l.value.as_str()));
            let Some(body) = stmt.body() else { break };
            items = &body.items;
        }
        for (name, _) in &ctx.checked.names.labels {
            if !enclosing.contains(&name.as_str()) {
                list.add(&format!("#{name}"), K::REFERENCE, None);
            }
        }
        return;
    }
    // A line may start with `@1:30` and `&`; its label and `after` end it.
    let mut words = words;
    while let Some(w) = words.first().filter(|w| w.starts_with('@') || **w == "&") {
        let _ = w;
        words = &words[1..];
    }
    let (block, fight) = block_at(ctx, offset);
    let names = &ctx.checked.names;
    let Some(&first) = words.first() else {
        starters(ctx, offset, block, fight, list);
        return;
    };
    let last = *words.last().expect("not empty");
    let is_id = first.starts_with(|c: char| c.is_ascii_uppercase());
    match (block, is_id) {
        (Block::Cast, true) => match (words.len(), last) {
            (1, _) => list.words(Role::WORDS, K::ENUM_MEMBER),
            (_, "stance") => list.words(Stance::WORDS, K::ENUM_MEMBER),
            (_, "pronouns") => list.words(Pronouns::WORDS, K::ENUM_MEMBER),
            (_, "for") => all_cast(ctx, list, |r| r == Role::Fighter),
            (n, _) if n >= 3 => {
                // As the grammar has it: `for` on a corner only, `stance`
                // and `nickname` on a fighter only.
                let role = Role::from_word(words[1]);
                let used: Vec<&str> = words.to_vec();
                for attribute in ["cue", "stance", "nickname", "pronouns", "for"] {
                    let fits = match attribute {
                        "for" => role == Some(Role::Corner),
                        "stance" | "nickname" => role == Some(Role::Fighter),
                        _ => true,
                    };
                    if fits && !used.contains(&attribute) {
                        list.add(attribute, K::KEYWORD, None);
                    }
                }
            }
            _ => {}
        },
        (Block::Moves, false) if words.len() == 1 => list.words(MoveKind::WORDS, K::ENUM_MEMBER),
        (Block::Round | Block::Exchange | Block::Fight, true) => {
            if referees(names, fight).contains(&first)
                && names.member(first).is_some_and(|m| m.role == Role::Referee)
            {
                match (words.len(), last) {
                    (1, _) => list.words(RefereeVerb::WORDS, K::KEYWORD),
                    (2, "warn" | "deduct" | "disqualify" | "stop") => {
                        cast(ctx, &fighters(names, fight), list)
                    }
                    _ => {}
                }
            } else {
                attack(ctx, fight, offset, words, list);
            }
        }
        (_, false) => keyword_values(ctx, block, fight, words, list),
        (_, true) => {}
    }
}

/// Completions inside a move: `ATTACKER [side] TECHNIQUE [target]
/// [modifiers] [-> DEFENDER REACTION [detail] [mat]]`.
fn attack(ctx: &Ctx<'_>, fight: Option<&Stmt>, offset: u32, words: &[&str], list: &mut List) {
    use CompletionItemKind as K;
    let names = &ctx.checked.names;
    let last = *words.last().expect("not empty");
    if let Some(arrow) = words.iter().position(|w| *w == "->") {
        let after = &words[arrow + 1..];
        match after {
            // The defender: the fighter who is not attacking.
            [] => {
                let attacker = words[0];
                let others: Vec<&str> = fighters(names, fight)
                    .into_iter()
                    .filter(|f| *f != attacker)
                    .collect();
                cast(ctx, &others, list);
            }
            [_defender] => list.words(ReactionKind::WORDS, K::ENUM_MEMBER),
            [_, reaction, rest @ ..] => {
                let kind = ReactionKind::from_word(reaction);
                use ReactionKind as R;
                if rest.is_empty() {
                    match kind {
                        Some(R::Slip | R::Duck | R::Roll | R::Weave | R::StepBack) => {
                            list.words(Direction::WORDS, K::ENUM_MEMBER)
                        }
                        Some(R::Cut | R::Swell) => list.words(Location::WORDS, K::ENUM_MEMBER),
                        _ => {}
                    }
                }
                if !rest.contains(&"mat") {
                    list.add(
                        "mat",
                        K::KEYWORD,
                        Some("the fall lands on crash pads".into()),
                    );
                }
            }
        }
        return;
    }
    if words.len() == 1 {
        list.words(Side::WORDS, K::ENUM_MEMBER);
        techniques(ctx, list);
        if !standing(ctx, fight, offset, words[0]) {
            list.add("up", K::KEYWORD, Some("rises from a knockdown".into()));
        }
        return;
    }
    if words.len() == 2 && Side::from_word(words[1]).is_some() {
        techniques(ctx, list);
        return;
    }
    match last {
        "contact" => return list.words(Contact::WORDS, K::ENUM_MEMBER),
        "knap" => {
            list.words(KnapWho::WORDS, K::ENUM_MEMBER);
            all_cast(ctx, list, |_| true);
            return;
        }
        "speed" | "camera" | "for" => return,
        _ => {}
    }
    let has_target = words.iter().any(|w| Target::from_word(w).is_some());
    if !has_target {
        list.words(Target::WORDS, K::ENUM_MEMBER);
    }
    for modifier in ModifierKey::WORDS {
        if !words.contains(modifier) {
            list.add(modifier, K::KEYWORD, None);
        }
    }
    list.add("->", K::OPERATOR, Some("the defender's reaction".into()));
}

/// Completions after a keyword: its values.
fn keyword_values(
    ctx: &Ctx<'_>,
    block: Block,
    fight: Option<&Stmt>,
    words: &[&str],
    list: &mut List,
) {
    use CompletionItemKind as K;
    let names = &ctx.checked.names;
    match (words, block) {
        (["rules"], _) => list.words(Ruleset::WORDS, K::ENUM_MEMBER),
        (["three-knockdown"], _) => list.words(Switch::WORDS, K::ENUM_MEMBER),
        (["production"], _) => list.words(ProductionMode::WORDS, K::ENUM_MEMBER),
        (["referee"], _) => all_cast(ctx, list, |r| r == Role::Referee),
        (["result"], _) => {
            cast(ctx, &fighters(names, fight), list);
            list.words(&["draw", "no-contest"], K::KEYWORD);
        }
        (["result", _], _) => list.words(Method::WORDS, K::ENUM_MEMBER),
        (["fight"], _) | (["fight", _, "vs"], _) => all_cast(ctx, list, |r| r == Role::Fighter),
        (["fight", _], _) => list.add("vs", K::KEYWORD, None),
        (["corner"] | ["towel"], _) => cast(ctx, &fighters(names, fight), list),
        (["montage"], Block::Fight) => list.add("rounds", K::KEYWORD, None),
        (["round"], Block::Fight) => {
            let next = next_round(fight);
            list.add(&next.to_string(), K::VALUE, Some("the next round".into()));
        }
        _ => {}
    }
}

/// The number after the last `round N` of `fight`.
fn next_round(fight: Option<&Stmt>) -> u32 {
    fight.and_then(|f| f.body()).map_or(0, |b| {
        b.items
            .iter()
            .filter_map(|s| s.rounds_shown().map(|r| r.value.1))
            .max()
            .unwrap_or(0)
    }) + 1
}

/// The `exchange` snippet, offered wherever an exchange may start.
fn exchange_snippet(list: &mut List) {
    list.snippet(
        "exchange",
        "exchange \"${1:name}\" {\n  $0\n}".into(),
        "a named exchange",
    );
}

/// What may start a line in `block`.
fn starters(ctx: &Ctx<'_>, offset: u32, block: Block, fight: Option<&Stmt>, list: &mut List) {
    use CompletionItemKind as K;
    let names = &ctx.checked.names;
    let beats = ["action", "beat", "shot", "sound", "note"];
    let fighter_pair = fighters(names, fight);
    let pair = || {
        let a = fighter_pair.first().copied().unwrap_or("A");
        let b = fighter_pair.get(1).copied().unwrap_or("B");
        (a, b)
    };
    match block {
        Block::Top => {
            list.words(TitleKey::WORDS, K::KEYWORD);
            list.words(
                &["production", "cast", "moves", "scene", "transition"],
                K::KEYWORD,
            );
            list.words(PageKind::WORDS, K::KEYWORD);
            list.snippet(
                "scene",
                "scene \"${1:INT. GYM - DAY}\" {\n  $0\n}".into(),
                "a scene block",
            );
        }
        Block::Cast | Block::Moves => {}
        Block::Scene | Block::Montage | Block::Corner => {
            list.words(&beats, K::KEYWORD);
            if matches!(block, Block::Scene | Block::Montage) {
                list.words(PageKind::WORDS, K::KEYWORD);
            }
            if block == Block::Scene {
                list.words(&["transition", "montage", "fight"], K::KEYWORD);
                let fighters: Vec<&str> = names
                    .cast
                    .iter()
                    .filter(|m| m.role == Role::Fighter)
                    .map(|m| m.id.as_str())
                    .collect();
                let a = fighters.first().copied().unwrap_or("A");
                let b = fighters.get(1).copied().unwrap_or("B");
                list.snippet(
                    "fight",
                    format!(
                        "fight ${{1:{a}}} vs ${{2:{b}}} {{\n  rules ${{3|{}|}}\n  $0\n}}",
                        Ruleset::WORDS.join(",")
                    ),
                    "a fight block",
                );
                list.snippet(
                    "montage",
                    "montage \"${1:TITLE}\" {\n  $0\n}".into(),
                    "a montage of beats",
                );
            }
            // A cast id starts a line of dialogue.
            all_cast(ctx, list, |_| true);
        }
        Block::Fight => {
            let body = fight
                .and_then(|f| f.body())
                .map_or(&[][..], |b| &b.items[..]);
            let street = body.iter().any(|s| {
                matches!(&s.kind, StmtKind::Setting(Setting::Rules(r)) if r.value == Ruleset::Street)
            });
            // Settings come before everything else in a fight.
            let begun = body
                .iter()
                .any(|s| s.span.end <= offset && !matches!(s.kind, StmtKind::Setting(_)));
            if !begun {
                let settings: &[&str] = if street {
                    &["rules", "referee"]
                } else {
                    SettingKey::WORDS
                };
                list.words(settings, K::KEYWORD);
            }
            if street {
                // No rounds in a street fight: events stand in the fight.
                cast(ctx, &fighter_pair, list);
                cast(ctx, &referees(names, fight), list);
                list.words(&["exchange", "towel", "result"], K::KEYWORD);
                list.words(&beats, K::KEYWORD);
                exchange_snippet(list);
                all_cast(ctx, list, |_| true);
                return;
            }
            list.words(
                &["round", "corner", "montage", "result", "exchange", "bell"],
                K::KEYWORD,
            );
            list.words(&beats, K::KEYWORD);
            let (a, b) = pair();
            list.snippet(
                "round",
                format!("round ${{1:{}}} {{\n  $0\n}}", next_round(fight)),
                "the next round",
            );
            list.snippet(
                "corner",
                format!("corner ${{1|{a},{b}|}} {{\n  $0\n}}"),
                "a corner between rounds",
            );
            exchange_snippet(list);
            list.snippet(
                "montage rounds",
                "montage rounds ${1:2}..${2:5} {\n  $0\n}".into(),
                "rounds shown as a montage",
            );
            cast(ctx, &fighter_pair, list);
        }
        Block::Round | Block::Exchange => {
            cast(ctx, &fighter_pair, list);
            cast(ctx, &referees(names, fight), list);
            list.words(&["exchange", "towel", "bell"], K::KEYWORD);
            list.words(&beats, K::KEYWORD);
            exchange_snippet(list);
            // Anyone may speak between the punches (the crowd, a corner).
            all_cast(ctx, list, |_| true);
        }
        Block::RoundsMontage => list.words(&beats, K::KEYWORD),
    }
}
