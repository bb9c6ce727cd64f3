//! The closed vocabularies of the language: every keyword, setting value,
//! target, reaction and modifier word, each as an enum with its spelling.
//!
//! These tables are the single source of the words the parser knows; the
//! grammar test reads them to keep `grammar/bout.ebnf` in step.

use serde::Serialize;

/// Declares a closed vocabulary: an enum, its spellings, and lookups.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every spelling of this vocabulary, in declaration order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The value spelt `word`, if any.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// How the value is spelt in a script.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word,)+
                }
            }
        }
    };
}

vocabulary! {
    /// A title-page field.
    TitleKey {
        /// The script's title.
        Title = "title",
        /// The credit line ("written by").
        Credit = "credit",
        /// The author or authors.
        Author = "author",
        /// The source material ("based on …").
        Source = "source",
        /// The draft date or name.
        Draft = "draft",
        /// Contact details.
        Contact = "contact",
        /// Copyright notice.
        Copyright = "copyright",
        /// Free notes for the title page.
        Notes = "notes",
    }
}

vocabulary! {
    /// Who will perform the script; selects the safety lints.
    ProductionMode {
        /// For the writer alone.
        Page = "page",
        /// Filmed with stunt performers.
        Screen = "screen",
        /// Performed live on a stage.
        Stage = "stage",
    }
}

vocabulary! {
    /// A cast member's role.
    Role {
        /// Throws and takes punches.
        Fighter = "fighter",
        /// A trainer or cutman in a fighter's corner.
        Corner = "corner",
        /// Counts, warns and stops.
        Referee = "referee",
        /// The ring announcer.
        Announcer = "announcer",
        /// Anyone else who speaks.
        Character = "character",
        /// The crowd, speaking as one.
        Crowd = "crowd",
    }
}

vocabulary! {
    /// A fighter's stance.
    Stance {
        /// Left hand leads.
        Orthodox = "orthodox",
        /// Right hand leads.
        Southpaw = "southpaw",
    }
}

vocabulary! {
    /// The pronouns a cast member goes by, for prose and messages.
    Pronouns {
        /// he, him, his, himself.
        He = "he",
        /// she, her, her, herself.
        She = "she",
        /// they, them, their, themselves; plural verbs after "they".
        They = "they",
    }
}

vocabulary! {
    /// The kind of a technique declared in `moves`.
    MoveKind {
        /// A blow.
        Strike = "strike",
        /// Pushing, holding or throwing.
        Grapple = "grapple",
        /// A fake.
        Feint = "feint",
    }
}

vocabulary! {
    /// A fight's ruleset.
    Ruleset {
        /// Professional boxing.
        Pro = "pro",
        /// Amateur boxing.
        Amateur = "amateur",
        /// An exhibition bout.
        Exhibition = "exhibition",
        /// A bout no commission sanctions.
        Unsanctioned = "unsanctioned",
        /// No rules, no rounds.
        Street = "street",
    }
}

vocabulary! {
    /// A fight setting's keyword.
    SettingKey {
        /// `rules RULESET`.
        Rules = "rules",
        /// `rounds N`.
        Rounds = "rounds",
        /// `round-length DURATION`.
        RoundLength = "round-length",
        /// `rest DURATION`.
        Rest = "rest",
        /// `referee ID`.
        Referee = "referee",
        /// `three-knockdown on|off`.
        ThreeKnockdown = "three-knockdown",
    }
}

vocabulary! {
    /// A switch value.
    Switch {
        /// Enabled.
        On = "on",
        /// Disabled.
        Off = "off",
    }
}

vocabulary! {
    /// How a fight was won.
    Method {
        /// Knockout.
        Ko = "ko",
        /// Technical knockout.
        Tko = "tko",
        /// Retired in the corner.
        Rtd = "rtd",
        /// On the judges' cards.
        Decision = "decision",
        /// The other fighter was disqualified.
        Dq = "dq",
    }
}

vocabulary! {
    /// Which hand or side a move comes from.
    Side {
        /// The left hand.
        Left = "left",
        /// The right hand.
        Right = "right",
        /// The lead hand, resolved through the stance.
        Lead = "lead",
        /// The rear hand, resolved through the stance.
        Rear = "rear",
    }
}

vocabulary! {
    /// The built-in techniques.
    Technique {
        /// Strike.
        Jab = "jab",
        /// Strike.
        Cross = "cross",
        /// Strike.
        Hook = "hook",
        /// Strike.
        Uppercut = "uppercut",
        /// Strike.
        Overhand = "overhand",
        /// Strike.
        Straight = "straight",
        /// Strike.
        Haymaker = "haymaker",
        /// Strike.
        Slap = "slap",
        /// Strike.
        Backhand = "backhand",
        /// Strike.
        Elbow = "elbow",
        /// Strike.
        Knee = "knee",
        /// Strike.
        Kick = "kick",
        /// Strike.
        Headbutt = "headbutt",
        /// Grapple.
        Push = "push",
        /// Grapple.
        Shove = "shove",
        /// Grapple.
        Grab = "grab",
        /// Grapple.
        Clinch = "clinch",
        /// Grapple.
        Tackle = "tackle",
        /// Grapple.
        Throw = "throw",
        /// Feint.
        Feint = "feint",
    }
}

vocabulary! {
    /// Where a move is aimed.
    Target {
        /// Target.
        Head = "head",
        /// Target.
        Chin = "chin",
        /// Target.
        Jaw = "jaw",
        /// Target.
        Nose = "nose",
        /// Target.
        Eye = "eye",
        /// Target.
        Temple = "temple",
        /// Target.
        Ear = "ear",
        /// Target.
        Neck = "neck",
        /// Target.
        Body = "body",
        /// Target.
        Ribs = "ribs",
        /// Target.
        Liver = "liver",
        /// Target.
        Kidney = "kidney",
        /// Target.
        SolarPlexus = "solar-plexus",
        /// Target.
        Stomach = "stomach",
        /// Target.
        Shoulder = "shoulder",
        /// Target.
        Arm = "arm",
        /// Target.
        Leg = "leg",
        /// Target.
        Groin = "groin",
        /// Target.
        BackOfHead = "back-of-head",
    }
}

vocabulary! {
    /// How the defender reacts to a move.
    ReactionKind {
        /// Evasion.
        Slip = "slip",
        /// Evasion.
        Duck = "duck",
        /// Evasion.
        Roll = "roll",
        /// Evasion.
        Weave = "weave",
        /// Evasion.
        StepBack = "step-back",
        /// Defence.
        Block = "block",
        /// Defence.
        Parry = "parry",
        /// Defence.
        Cover = "cover",
        /// Defence.
        Clinch = "clinch",
        /// The move misses.
        Miss = "miss",
        /// Lands.
        Hit = "hit",
        /// Lands and rocks the defender.
        Stagger = "stagger",
        /// A knockdown.
        Down = "down",
        /// Knocked unconscious.
        Out = "out",
        /// Lands and opens a cut.
        Cut = "cut",
        /// Lands and raises a swelling.
        Swell = "swell",
    }
}

vocabulary! {
    /// The direction of an evasion.
    Direction {
        /// To the left.
        Left = "left",
        /// To the right.
        Right = "right",
        /// Backwards.
        Back = "back",
    }
}

vocabulary! {
    /// Where a cut or swelling opens.
    Location {
        /// Location.
        LeftBrow = "left-brow",
        /// Location.
        RightBrow = "right-brow",
        /// Location.
        LeftEye = "left-eye",
        /// Location.
        RightEye = "right-eye",
        /// Location.
        Nose = "nose",
        /// Location.
        Lip = "lip",
        /// Location.
        Cheek = "cheek",
    }
}

vocabulary! {
    /// How hard a strike connects.
    Contact {
        /// No contact: an illusion.
        None = "none",
        /// Light contact.
        Light = "light",
        /// Full contact.
        Full = "full",
    }
}

vocabulary! {
    /// A move modifier's keyword (the flurry `xN` is a token of its own).
    ModifierKey {
        /// `contact none|light|full`.
        Contact = "contact",
        /// `knap self|victim|shared|none|ID`.
        Knap = "knap",
        /// `speed N%`.
        Speed = "speed",
        /// `camera "angle"`.
        Camera = "camera",
        /// `for DURATION`.
        For = "for",
    }
}

vocabulary! {
    /// Who makes the sound of a hit on stage, when not a named cast member.
    KnapWho {
        /// The attacker.
        SelfKnap = "self",
        /// The one hit.
        Victim = "victim",
        /// Both.
        Shared = "shared",
        /// No knap.
        None = "none",
    }
}

vocabulary! {
    /// A referee's action.
    RefereeVerb {
        /// `count N`.
        Count = "count",
        /// `break`.
        Break = "break",
        /// `warn ID ["reason"]`.
        Warn = "warn",
        /// `deduct ID [N]`.
        Deduct = "deduct",
        /// `disqualify ID`.
        Disqualify = "disqualify",
        /// `stop ID`.
        Stop = "stop",
    }
}

vocabulary! {
    /// What the page shows, or the outline keeps, beyond the story's
    /// beats: Fountain's `>…<`, `~`, `#`, `=` and `===`.
    PageKind {
        /// `centered "THE END"`: text centred on the page.
        Centered = "centered",
        /// `lyric "…"`: a sung line, printed as lyrics.
        Lyric = "lyric",
        /// `section [DEPTH] "…"`: a heading of the outline, not printed.
        Section = "section",
        /// `synopsis "…"`: a summary for the outline, not printed.
        Synopsis = "synopsis",
        /// `page-break`: the next element starts a new page.
        PageBreak = "page-break",
    }
}

vocabulary! {
    /// A word that starts a statement.
    Keyword {
        /// Cast block.
        Cast = "cast",
        /// Moves block.
        Moves = "moves",
        /// Production mode.
        Production = "production",
        /// Scene block.
        Scene = "scene",
        /// Transition beat.
        Transition = "transition",
        /// Action beat.
        Action = "action",
        /// Shot beat.
        Shot = "shot",
        /// Sound beat.
        Sound = "sound",
        /// Note beat.
        Note = "note",
        /// Centred text on the page.
        Centered = "centered",
        /// A sung line.
        Lyric = "lyric",
        /// An outline section.
        Section = "section",
        /// An outline synopsis.
        Synopsis = "synopsis",
        /// A forced page break.
        PageBreak = "page-break",
        /// Pause beat.
        Beat = "beat",
        /// Montage block.
        Montage = "montage",
        /// Fight block.
        Fight = "fight",
        /// Round block.
        Round = "round",
        /// Corner block.
        Corner = "corner",
        /// Fight result.
        Result = "result",
        /// Exchange block.
        Exchange = "exchange",
        /// Towel event.
        Towel = "towel",
        /// Bell event.
        Bell = "bell",
    }
}

/// Words with a fixed meaning inside a line, beyond the vocabularies above.
pub const MARKERS: &[&str] = &[
    "vs",
    "up",
    "mat",
    "after",
    "for",
    "screen",
    "rounds",
    "draw",
    "no-contest",
    "stance",
    "nickname",
    "cue",
    "pronouns",
    "number",
];

/// The vocabularies whose words are keywords wherever they stand: a
/// statement's, a title field's, a setting's, a modifier's, a referee's
/// verb, and the markers (`vs`, `after`, …). Editors colour these as
/// keywords (the language server, the TextMate grammar).
pub const KEYWORD_LISTS: [&[&str]; 6] = [
    Keyword::WORDS,
    TitleKey::WORDS,
    SettingKey::WORDS,
    ModifierKey::WORDS,
    RefereeVerb::WORDS,
    MARKERS,
];

/// Whether `word` is in one of [`KEYWORD_LISTS`].
pub fn is_keyword(word: &str) -> bool {
    KEYWORD_LISTS.iter().any(|list| list.contains(&word))
}

/// Every reserved word: a `moves` technique may not be named with one.
pub fn is_reserved(word: &str) -> bool {
    all_words().any(|w| w == word)
}

/// Every word the parser knows, across all vocabularies (with repeats).
pub fn all_words() -> impl Iterator<Item = &'static str> {
    [
        TitleKey::WORDS,
        ProductionMode::WORDS,
        Role::WORDS,
        Stance::WORDS,
        Pronouns::WORDS,
        MoveKind::WORDS,
        Ruleset::WORDS,
        SettingKey::WORDS,
        Switch::WORDS,
        Method::WORDS,
        Side::WORDS,
        Technique::WORDS,
        Target::WORDS,
        ReactionKind::WORDS,
        Direction::WORDS,
        Location::WORDS,
        Contact::WORDS,
        ModifierKey::WORDS,
        KnapWho::WORDS,
        RefereeVerb::WORDS,
        PageKind::WORDS,
        Keyword::WORDS,
        MARKERS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

impl Role {
    /// The role with its article, for messages: "a fighter", "the crowd".
    pub fn phrase(self) -> &'static str {
        match self {
            Role::Fighter => "a fighter",
            Role::Corner => "a corner",
            Role::Referee => "a referee",
            Role::Announcer => "an announcer",
            Role::Character => "a character",
            Role::Crowd => "the crowd",
        }
    }
}

impl Pronouns {
    /// The subject form: "she".
    pub fn subject(self) -> &'static str {
        match self {
            Pronouns::He => "he",
            Pronouns::She => "she",
            Pronouns::They => "they",
        }
    }

    /// The object form: "her".
    pub fn object(self) -> &'static str {
        match self {
            Pronouns::He => "him",
            Pronouns::She => "her",
            Pronouns::They => "them",
        }
    }

    /// The possessive determiner: "her" (as in "her feet").
    pub fn possessive(self) -> &'static str {
        match self {
            Pronouns::He => "his",
            Pronouns::She => "her",
            Pronouns::They => "their",
        }
    }

    /// The reflexive form: "herself".
    pub fn reflexive(self) -> &'static str {
        match self {
            Pronouns::He => "himself",
            Pronouns::She => "herself",
            Pronouns::They => "themselves",
        }
    }

    /// The verb form that agrees with the subject pronoun: `they` takes the
    /// plural ("they rise"), `he` and `she` the singular ("she rises").
    pub fn agree<'w>(self, singular: &'w str, plural: &'w str) -> &'w str {
        match self {
            Pronouns::They => plural,
            Pronouns::He | Pronouns::She => singular,
        }
    }

    /// The pronouns another form of which is `word` (`him`, `hers`,
    /// `themself`), for the help of a value written in the wrong form.
    pub fn from_other_form(word: &str) -> Option<Pronouns> {
        match word {
            "him" | "his" | "himself" => Some(Pronouns::He),
            "her" | "hers" | "herself" => Some(Pronouns::She),
            "them" | "their" | "theirs" | "themselves" | "themself" => Some(Pronouns::They),
            _ => None,
        }
    }
}

/// What a strike is to punch statistics (CompuBox's definitions): a jab, a
/// power punch (any other punch), or no punch at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PunchClass {
    /// The jab.
    Jab,
    /// A power punch: cross, hook, uppercut, overhand, straight, haymaker.
    Power,
    /// A strike that is no punch: slap, backhand, elbow, knee, kick,
    /// headbutt.
    NotAPunch,
}

impl Technique {
    /// What the technique is to punch statistics; `None` for grapples and
    /// the feint, which are no strikes.
    pub fn punch_class(self) -> Option<PunchClass> {
        use Technique::*;
        match self {
            Jab => Some(PunchClass::Jab),
            Cross | Hook | Uppercut | Overhand | Straight | Haymaker => Some(PunchClass::Power),
            Slap | Backhand | Elbow | Knee | Kick | Headbutt => Some(PunchClass::NotAPunch),
            Push | Shove | Grab | Clinch | Tackle | Throw | Feint => None,
        }
    }

    /// The built-in kind of this technique.
    pub fn kind(self) -> MoveKind {
        use Technique::*;
        match self {
            Push | Shove | Grab | Clinch | Tackle | Throw => MoveKind::Grapple,
            Feint => MoveKind::Feint,
            _ => MoveKind::Strike,
        }
    }
}
