//! The names layer: the cast table, the technique table and the labels,
//! resolved over the syntax tree, with the mistakes in naming.
//!
//! Invariant: the tree is only read; what is resolved lives in [`Names`].
//! The first declaration of a name wins; later ones are reported.

use crate::diag::{self, Diagnostic, did_you_mean};
use crate::syntax::ast::*;
use ecow::EcoString;

/// Everything declared in one script.
#[derive(Debug, Default)]
pub struct Names {
    /// Cast members in declaration order (duplicates left out).
    pub cast: Vec<Member>,
    /// Techniques: the built-ins, then those from `moves`.
    pub techniques: Vec<TechniqueInfo>,
    /// Labels in source order (duplicates left out).
    pub labels: Vec<(ecow::EcoString, Span)>,
    /// Every `after #label` that names a defined label: where the `#label`
    /// after `after` stands, and where the label is defined. In source
    /// order. (The language server's check reuses the lints of the scenes
    /// an edit left alone only when no `after` links them to the edited one.)
    pub afters: Vec<(Span, Span)>,
    cast_index: NameMap,
    technique_index: NameMap,
    /// By name: a long script has tens of thousands of labels, so the
    /// names are `EcoString`s (short ones inline, none copied twice).
    label_index: crate::fxhash::FxHashMap<ecow::EcoString, u32>,
}

/// Name → index maps. Names are short and the script is trusted input, so a
/// fast multiplicative hash (FxHash, as in rustc) beats SipHash here.
///
/// Keyed by `EcoString`: a cast id is short, so inline, not a copy on the
/// heap beside the member's own (a cast of a million held both).
/// Names to their place in a list. A `u32`: lists hold at most one entry
/// per statement, far fewer than 2^32 (scripts are at most 256 MiB), and a
/// cast of a million is a map of a million.
type NameMap = crate::fxhash::FxHashMap<EcoString, u32>;

/// A declared cast member.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The cast id.
    pub id: EcoString,
    /// The role.
    pub role: Role,
    /// The display name.
    pub name: EcoString,
    /// The name on character cues and in prose.
    pub cue: EcoString,
    /// A fighter's stance.
    pub stance: Option<Stance>,
    /// The pronouns prose and messages use; with none, they name the
    /// member instead of guessing.
    pub pronouns: Option<Pronouns>,
    /// Where the member is declared (the id).
    pub span: Span,
    /// What few members have: read through [`Member::works_for`] and
    /// [`Member::nickname`]. Boxed, as most members have neither: inline,
    /// they were 48 of a member's bytes (a cast of a million, 48 MB).
    extra: Option<Box<Extra>>,
}

/// A member's rare attributes.
#[derive(Clone, Debug, Default, PartialEq)]
struct Extra {
    works_for: Option<EcoString>,
    nickname: Option<EcoString>,
}

impl Member {
    /// The fighter a corner works for.
    pub fn works_for(&self) -> Option<&EcoString> {
        self.extra.as_ref()?.works_for.as_ref()
    }

    /// A fighter's nickname.
    pub fn nickname(&self) -> Option<&EcoString> {
        self.extra.as_ref()?.nickname.as_ref()
    }

    /// The rare attributes, made when the first is set.
    fn extra(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }
}

/// A technique, built in or declared.
#[derive(Clone, Debug, PartialEq)]
pub struct TechniqueInfo {
    /// Its name.
    pub name: String,
    /// Strike, grapple or feint.
    pub kind: MoveKind,
    /// The duration given in `moves`; built-ins take theirs from the timing table.
    pub duration: Option<Duration>,
    /// Where it was declared; `None` for a built-in.
    pub span: Option<Span>,
}

/// Resolves the names of `script`, with every naming mistake.
pub fn resolve(script: &Script) -> (Names, Vec<Diagnostic>) {
    let mut resolver = Resolver {
        names: Names::default(),
        used: Vec::new(),
        wrong_role: Vec::new(),
        afters: Vec::new(),
        diagnostics: Vec::new(),
        helps: Default::default(),
    };
    for technique in Technique::WORDS
        .iter()
        .filter_map(|w| Technique::from_word(w))
    {
        resolver.add_technique(TechniqueInfo {
            name: technique.as_str().to_owned(),
            kind: technique.kind(),
            duration: None,
            span: None,
        });
    }
    resolver.declare(&script.items);
    resolver.used = vec![false; resolver.names.cast.len()];
    resolver.wrong_role = vec![false; resolver.names.cast.len()];
    resolver.walk(&script.items, None);
    resolver.finish();
    let Resolver {
        names, diagnostics, ..
    } = resolver;
    (names, diagnostics)
}

impl Names {
    /// The cast member with id `id`.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.cast_index.get(id).map(|&i| &self.cast[i as usize])
    }

    /// Where cast member `id` is in [`Names::cast`].
    pub fn member_index(&self, id: &str) -> Option<usize> {
        self.cast_index.get(id).map(|&i| i as usize)
    }

    /// The pronouns of cast member `id`, if declared.
    pub fn pronouns(&self, id: &str) -> Option<Pronouns> {
        self.member(id).and_then(|m| m.pronouns)
    }

    /// The technique named `name`.
    pub fn technique(&self, name: &str) -> Option<&TechniqueInfo> {
        self.technique_index
            .get(name)
            .map(|&i| &self.techniques[i as usize])
    }

    /// Where label `name` is defined.
    pub fn label(&self, name: &str) -> Option<Span> {
        self.label_index
            .get(name)
            .map(|&i| self.labels[i as usize].1)
    }
}

/// The two fighters of the fight being walked.
type Corner<'a> = Option<(&'a str, &'a str)>;

struct Resolver<'a> {
    names: Names,
    used: Vec<bool>,
    /// The members already reported for a role that cannot do what a line
    /// has them do: the mistake is the declaration, so it is reported
    /// once, at the first such line, not at every line that names them.
    wrong_role: Vec<bool>,
    afters: Vec<&'a Word>,
    diagnostics: Vec<Diagnostic>,
    /// The help worked out for each unknown cast id and technique, by
    /// name: a name misspelt on 100k lines is compared with the cast (an
    /// edit distance per member) once, not on every line.
    helps: crate::fxhash::FxHashMap<(bool, ecow::EcoString), String>,
}

/// What a reference to a cast member is doing, for role checks.
#[derive(Clone, Copy)]
enum Act {
    Speak,
    Attack,
    Defend,
    Fight,
    Referee,
    Judge,
    Knap,
}

impl Act {
    /// Whether `role` may do this, and the verb to name it by when not.
    fn allowed(self, role: Role) -> Result<(), &'static str> {
        match self {
            Act::Attack if role != Role::Fighter => Err("attack"),
            Act::Defend if role != Role::Fighter => Err("be attacked"),
            Act::Fight if role != Role::Fighter => Err("fight"),
            Act::Referee if role != Role::Referee => Err("act as referee"),
            _ => Ok(()),
        }
    }
}

impl<'a> Resolver<'a> {
    fn add_technique(&mut self, info: TechniqueInfo) {
        self.names.technique_index.insert(
            info.name.as_str().into(),
            self.names.techniques.len() as u32,
        );
        self.names.techniques.push(info);
    }

    /// Collects cast members (wherever they stand) and `moves` techniques.
    fn declare(&mut self, stmts: &'a [Stmt]) {
        for stmt in crate::syntax::visit::statements(stmts) {
            match &stmt.kind {
                StmtKind::Cast { members } => {
                    members.items.iter().for_each(|m| self.declare_member(m))
                }
                StmtKind::CastMember(member) => self.declare_member(member),
                StmtKind::Moves { moves } => moves.items.iter().for_each(|m| self.declare_move(m)),
                StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Scene { .. }
                | StmtKind::Transition { .. }
                | StmtKind::Action { .. }
                | StmtKind::Shot { .. }
                | StmtKind::Sound { .. }
                | StmtKind::Note { .. }
                | StmtKind::Pause
                | StmtKind::Page { .. }
                | StmtKind::Dialogue { .. }
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

    fn declare_member(&mut self, member: &CastMember) {
        let id = &member.id.value;
        if let Some(first) = self.names.member(id) {
            let first = first.span;
            self.diagnostics.push(
                Diagnostic::new(
                    &diag::DUPLICATE_CAST,
                    member.id.span,
                    format!("cast member `{id}` declared twice"),
                )
                .label("declared again here")
                .related(first, "first declared here")
                .help("give each cast member a different id, or remove one declaration"),
            );
            return;
        }
        let mut declared = Member {
            id: id.clone(),
            role: member.role.value,
            name: member.name.value.clone(),
            cue: if id.contains('_') {
                id.as_str().replace('_', " ").into()
            } else {
                id.clone()
            },
            stance: None,
            pronouns: None,
            span: member.id.span,
            extra: None,
        };
        for attribute in &member.attributes {
            match &attribute.value {
                CastAttribute::Cue(cue) => declared.cue = cue.value.clone(),
                CastAttribute::Stance(stance) => declared.stance = Some(stance.value),
                CastAttribute::Nickname(nickname) => {
                    declared.extra().nickname = Some(nickname.value.clone())
                }
                CastAttribute::Pronouns(pronouns) => declared.pronouns = Some(pronouns.value),
                CastAttribute::For(fighter) => {
                    declared.extra().works_for = Some(fighter.value.clone())
                }
            }
        }
        self.names
            .cast_index
            .insert(id.clone(), self.names.cast.len() as u32);
        self.names.cast.push(declared);
    }

    fn declare_move(&mut self, decl: &MoveDecl) {
        let name = &decl.name.value;
        if let Some(first) = self.names.technique(name) {
            let diagnostic = match first.span {
                Some(span) => Diagnostic::new(
                    &diag::DUPLICATE_TECHNIQUE,
                    decl.name.span,
                    format!("technique `{name}` declared twice"),
                )
                .related(span, "first declared here")
                .help("remove one of the declarations"),
                None => Diagnostic::new(
                    &diag::DUPLICATE_TECHNIQUE,
                    decl.name.span,
                    format!("technique `{name}` is built in"),
                )
                .help(format!(
                    "use the built-in `{name}` as it is, or declare yours under another name"
                )),
            }
            .label("declared again here");
            self.diagnostics.push(diagnostic);
            return;
        }
        self.add_technique(TechniqueInfo {
            name: name.to_string(),
            kind: decl.kind.value,
            duration: Some(decl.duration.value),
            span: Some(decl.name.span),
        });
    }

    fn walk(&mut self, stmts: &'a [Stmt], fight: Corner<'a>) {
        for stmt in stmts {
            if let Some(label) = stmt.label() {
                self.define_label(label);
            }
            if let Some(after) = stmt.after() {
                self.afters.push(after);
            }
            match &stmt.kind {
                StmtKind::Cast { members } => {
                    for member in &members.items {
                        self.check_works_for(member);
                    }
                }
                StmtKind::CastMember(member) => self.check_works_for(member),
                // A `(beat): "…"` line's speaker is a copy of the line
                // before's, already counted there.
                StmtKind::Dialogue {
                    speaker,
                    continued: false,
                    ..
                } => self.reference(speaker, Act::Speak, None),
                StmtKind::Dialogue {
                    continued: true, ..
                } => {}
                StmtKind::Fight { red, blue, body } => {
                    self.reference(red, Act::Fight, None);
                    self.reference(blue, Act::Fight, None);
                    if red.value == blue.value {
                        self.diagnostics.push(
                            Diagnostic::new(
                                &diag::SELF_ATTACK,
                                blue.span,
                                match self.names.pronouns(&red.value) {
                                    Some(p) => format!("`{}` fights {}", red.value, p.reflexive()),
                                    None => {
                                        format!("`{}` is on both sides of the fight", red.value)
                                    }
                                },
                            )
                            .label("the same fighter on both sides")
                            .help("a fight is between two different fighters"),
                        );
                    }
                    self.walk(&body.items, Some((&red.value, &blue.value)));
                    continue;
                }
                StmtKind::Setting(Setting::Referee(referee)) => {
                    self.reference(referee, Act::Referee, None)
                }
                StmtKind::Corner { fighter, .. } => self.reference(fighter, Act::Fight, fight),
                StmtKind::Result(FightResult::Win { winner, .. }) => {
                    self.reference(winner, Act::Fight, fight)
                }
                StmtKind::Move(attack) => self.attack(attack, fight),
                StmtKind::Referee { referee, action } => {
                    self.reference(referee, Act::Referee, None);
                    match action {
                        RefereeAction::Warn { fighter, .. }
                        | RefereeAction::Deduct { fighter, .. }
                        | RefereeAction::Disqualify { fighter }
                        | RefereeAction::Stop { fighter } => {
                            self.reference(fighter, Act::Judge, fight)
                        }
                        RefereeAction::Count(_) | RefereeAction::Break => {}
                    }
                }
                StmtKind::Up { fighter } | StmtKind::Towel { fighter } => {
                    self.reference(fighter, Act::Fight, fight)
                }
                StmtKind::Broken { keyword, body } if keyword.value == "fight" => {
                    self.walk(&body.items, None);
                    continue;
                }
                StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Moves { .. }
                | StmtKind::Scene { .. }
                | StmtKind::Transition { .. }
                | StmtKind::Action { .. }
                | StmtKind::Shot { .. }
                | StmtKind::Sound { .. }
                | StmtKind::Note { .. }
                | StmtKind::Pause
                | StmtKind::Page { .. }
                | StmtKind::Montage { .. }
                | StmtKind::Setting(_)
                | StmtKind::Round { .. }
                | StmtKind::RoundsMontage { .. }
                | StmtKind::Result(_)
                | StmtKind::Exchange { .. }
                | StmtKind::Bell
                | StmtKind::Broken { .. } => {}
            }
            if let Some(body) = stmt.body() {
                self.walk(&body.items, fight);
            }
        }
    }

    fn attack(&mut self, attack: &Move, fight: Corner<'a>) {
        self.reference(&attack.attacker, Act::Attack, fight);
        let technique = &attack.technique;
        if self.names.technique(&technique.value).is_none() {
            let techniques = &self.names.techniques;
            let help = self
                .helps
                .entry((false, technique.value.clone()))
                .or_insert_with(|| {
                    did_you_mean(&technique.value, techniques.iter().map(|t| t.name.as_str()))
                        .unwrap_or_else(|| {
                            "declare it in `moves`, such as `spinning-backfist strike 0.9s`".into()
                        })
                })
                .clone();
            self.diagnostics.push(
                Diagnostic::new(
                    &diag::UNKNOWN_TECHNIQUE,
                    technique.span,
                    format!("unknown technique `{}`", technique.value),
                )
                .label("neither built in nor declared in `moves`")
                .help(help),
            );
        }
        for modifier in &attack.modifiers {
            if let Modifier::Knap(Knap::Member(member)) = &modifier.value {
                self.reference(member, Act::Knap, None);
            }
        }
        if let Some(reaction) = &attack.reaction {
            self.reference(&reaction.defender, Act::Defend, fight);
            if reaction.defender.value == attack.attacker.value {
                self.diagnostics.push(
                    Diagnostic::new(
                        &diag::SELF_ATTACK,
                        reaction.defender.span,
                        match self.names.pronouns(&attack.attacker.value) {
                            Some(p) => {
                                format!("`{}` attacks {}", attack.attacker.value, p.reflexive())
                            }
                            None => format!(
                                "`{}` is both the attacker and the defender",
                                attack.attacker.value
                            ),
                        },
                    )
                    .label("the attacker again")
                    .related(attack.attacker.span, "the attacker")
                    .help("name the opponent after `->`"),
                );
            }
        }
    }

    fn check_works_for(&mut self, member: &CastMember) {
        for attribute in &member.attributes {
            if let CastAttribute::For(fighter) = &attribute.value {
                match self.names.member(&fighter.value) {
                    None => self.undeclared(fighter),
                    Some(target) if target.role != Role::Fighter => {
                        let message =
                            format!("`for` names `{}`, who is not a fighter", fighter.value);
                        let diagnostic = Diagnostic::new(&diag::WRONG_ROLE, fighter.span, message)
                            .label(format!("{} is {}", fighter.value, target.role.phrase()))
                            .related(target.span, "declared here")
                            .help("a corner works for a fighter: name one after `for`");
                        self.diagnostics.push(diagnostic);
                    }
                    Some(_) => {}
                }
            }
        }
    }

    /// A use of a cast member: declared, of a role that may do `act`, and
    /// (for fight events) one of the fight's two fighters.
    fn reference(&mut self, id: &Ident, act: Act, fight: Corner<'a>) {
        let Some(index) = self.names.member_index(&id.value) else {
            self.undeclared(id);
            return;
        };
        self.used[index] = true;
        let member = &self.names.cast[index];
        if let Err(verb) = act.allowed(member.role) {
            if std::mem::replace(&mut self.wrong_role[index], true) {
                return;
            }
            let phrase = member.role.phrase();
            let help = match act {
                Act::Referee => {
                    "declare the referee with the role `referee`, or name the one you have"
                        .to_owned()
                }
                _ => format!(
                    "only fighters can {verb}; declare `{}` as a `fighter`, or name a fighter here",
                    id.value
                ),
            };
            self.diagnostics.push(
                Diagnostic::new(
                    &diag::WRONG_ROLE,
                    id.span,
                    format!("`{}` is {phrase} and cannot {verb}", id.value),
                )
                .label(format!(
                    "{phrase}, not {}",
                    if matches!(act, Act::Referee) {
                        "a referee"
                    } else {
                        "a fighter"
                    }
                ))
                .related(member.span, "declared here")
                .help(help),
            );
            return;
        }
        if let (Some((red, blue)), Act::Attack | Act::Defend | Act::Fight | Act::Judge) =
            (fight, act)
            && member.role == Role::Fighter
            && id.value != red
            && id.value != blue
        {
            self.diagnostics.push(
                Diagnostic::new(
                    &diag::NOT_IN_FIGHT,
                    id.span,
                    format!("`{}` is not in this fight", id.value),
                )
                .label("not one of this fight's fighters")
                .help(format!("this fight is {red} vs {blue}")),
            );
        }
    }

    fn undeclared(&mut self, id: &Ident) {
        let cast = &self.names.cast;
        let help = self
            .helps
            .entry((true, id.value.clone()))
            .or_insert_with(|| {
                did_you_mean(&id.value, cast.iter().map(|m| m.id.as_str())).unwrap_or_else(|| {
                    format!(
                        "declare `{}` in `cast`, such as `{} character \"Name\"`",
                        id.value, id.value
                    )
                })
            })
            .clone();
        self.diagnostics.push(
            Diagnostic::new(
                &diag::UNDECLARED_CAST,
                id.span,
                format!("undeclared cast member `{}`", id.value),
            )
            .label("not declared in `cast`")
            .help(help),
        );
    }

    fn define_label(&mut self, label: &Word) {
        if let Some(first) = self.names.label(&label.value) {
            self.diagnostics.push(
                Diagnostic::new(
                    &diag::DUPLICATE_LABEL,
                    label.span,
                    format!("label `#{}` defined twice", label.value),
                )
                .label("defined again here")
                .related(first, "first defined here")
                .help("give each label a different name"),
            );
            return;
        }
        let index = self.names.labels.len() as u32;
        self.names.label_index.insert(label.value.clone(), index);
        self.names.labels.push((label.value.clone(), label.span));
    }

    fn finish(&mut self) {
        let afters = std::mem::take(&mut self.afters);
        for after in afters {
            if let Some(defined) = self.names.label(&after.value) {
                self.names.afters.push((after.span, defined));
            } else {
                let help = did_you_mean(
                    &after.value,
                    self.names.labels.iter().map(|(n, _)| n.as_str()),
                )
                .map(|h| h.replacen('`', "`#", 1))
                .unwrap_or_else(|| "put the label on the statement or block to wait for".into());
                self.diagnostics.push(
                    Diagnostic::new(
                        &diag::UNDEFINED_LABEL,
                        after.span,
                        format!("undefined label `#{}`", after.value),
                    )
                    .label("no statement has this label")
                    .help(help),
                );
            }
        }
        for (member, used) in self.names.cast.iter().zip(&self.used) {
            if !used {
                self.diagnostics.push(
                    Diagnostic::new(
                        &diag::UNUSED_CAST,
                        member.span,
                        format!("cast member `{}` never appears", member.id),
                    )
                    .label("declared but never used")
                    .help("remove the member, or give them something to say or do"),
                );
            }
        }
    }
}
