//! The rule catalogue: every diagnostic code, with its name, default level,
//! category and explanation. `bout explain CODE` prints an entry; `bout
//! rules` lists them. Codes are never reused: a retired rule keeps its row.
//!
//! The codes that no lint emits (syntax `S…`, names `N001`–`N010`,
//! configuration `C…`) are declared here. Each lint declares its own code
//! beside its check, in `src/lints/rules/`; [`CODES`] takes them, in the
//! order of `lints::LINTS`, from there.

use super::{Category, Code, Severity};
use crate::lints::LINTS;

/// Declares each code as a constant, and `$list`, the codes in order.
macro_rules! codes {
    ($list:ident; $($ident:ident = $code:literal $name:literal $sev:ident $cat:ident {
        what: $what:expr,
        why: $why:expr,
        example: $example:expr,
        instead: $instead:expr $(,)?
    })+) => {
        $(
            #[doc = $what]
            pub const $ident: Code = Code {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                category: Category::$cat,
                what: $what,
                why: $why,
                example: $example,
                instead: $instead,
            };
        )+
        /// These codes, in code order.
        const $list: &[&Code] = &[$(&$ident),+];
    };
}

/// Every lint's code (`LOW_BLOW`, …), declared in its rule's file.
pub use crate::lints::codes::*;

/// Every code, in code order within each category: the syntax and names
/// codes, the lints' codes in the order of [`LINTS`] (which begin with the
/// two names rules that are lints, `N011` and `N012`), then the
/// configuration codes.
pub const CODES: &[&Code] = &ALL;

/// How many codes there are.
const COUNT: usize = READING.len() + LINTS.len() + CONFIGURATION.len();

/// [`CODES`], put together when the crate is compiled.
const ALL: [&Code; COUNT] = {
    let mut all = [READING[0]; COUNT];
    let mut at = 0;
    let mut i = 0;
    while i < READING.len() {
        all[at] = READING[i];
        at += 1;
        i += 1;
    }
    i = 0;
    while i < LINTS.len() {
        all[at] = LINTS[i].0;
        at += 1;
        i += 1;
    }
    i = 0;
    while i < CONFIGURATION.len() {
        all[at] = CONFIGURATION[i];
        at += 1;
        i += 1;
    }
    all
};

codes! {
    READING;
    UNTERMINATED_STRING = "S001" "unterminated-string" Error Syntax {
        what: "Reports a `\"` string that runs into the end of its line.",
        why: "A string lives on one line; without its closing quote the rest of the line would be swallowed. Parsing resumes on the next line.",
        example: r#"action "Rocky wraps his hands."#,
        instead: r#"action "Rocky wraps his hands."   // or """…""" for text of several lines"#,
    }
    UNCLOSED_TEXT = "S002" "unclosed-text" Error Syntax {
        what: "Reports a `\"\"\"` text that is never closed.",
        why: "Without its closing quotes the text would run to the end of the file. Parsing resumes on the next line.",
        example: r#"action """The speed bag rattles."#,
        instead: r#"action """The speed bag rattles.""""#,
    }
    INVALID_ESCAPE = "S003" "invalid-escape" Error Syntax {
        what: "Reports a backslash escape the language does not have.",
        why: "Only `\\\"` `\\\\` `\\n` `\\t` and `\\u{…}` mean something; any other backslash is almost always a typo.",
        example: r#"ROCKY: "I need a \q minute.""#,
        instead: r#"ROCKY: "I need a \\q minute."   // a literal backslash"#,
    }
    UNKNOWN_KEYWORD = "S004" "unknown-keyword" Error Syntax {
        what: "Reports a statement that starts with a word that is not a keyword.",
        why: "The first word says what a statement is; a misspelt one leaves the line meaningless.",
        example: r#"acton "The crowd roars.""#,
        instead: r#"action "The crowd roars.""#,
    }
    UNKNOWN_SETTING = "S005" "unknown-setting" Error Syntax {
        what: "Reports a fight setting that does not exist.",
        why: "Settings choose the ruleset, rounds and referee; a misspelt one silently leaves the default.",
        example: "rulez pro",
        instead: "rules pro",
    }
    UNKNOWN_TARGET = "S006" "unknown-target" Error Syntax {
        what: "Reports a move aimed at a target that does not exist.",
        why: "Targets drive the foul and safety checks (a head strike, a low blow); an unknown one cannot be checked.",
        example: "DRAGO jab haed -> ROCKY block",
        instead: "DRAGO jab head -> ROCKY block",
    }
    UNKNOWN_REACTION = "S007" "unknown-reaction" Error Syntax {
        what: "Reports a reaction that does not exist.",
        why: "The reaction says whether the move landed and what happens to the defender; the state checks depend on it.",
        example: "DRAGO jab head -> ROCKY blok",
        instead: "DRAGO jab head -> ROCKY block",
    }
    UNCLOSED_BLOCK = "S008" "unclosed-block" Error Syntax {
        what: "Reports a `{` with no matching `}`, on the opening brace.",
        why: "Everything after it would belong to the block. The block is closed where something appears that cannot nest in it, so the rest of the file is still checked.",
        example: "round 1 {\n  DRAGO jab head -> ROCKY block\nround 2 {",
        instead: "round 1 {\n  DRAGO jab head -> ROCKY block\n}\nround 2 {",
    }
    STRAY_BRACE = "S009" "stray-brace" Error Syntax {
        what: "Reports a `}` that closes no block.",
        why: "A stray brace usually means a block was closed twice, or one was never opened.",
        example: "scene \"INT. GYM\" {\n}\n}",
        instead: "scene \"INT. GYM\" {\n}",
    }
    MALFORMED_DURATION = "S010" "malformed-duration" Error Syntax {
        what: "Reports a duration that cannot be read.",
        why: "Durations drive both clocks; a wrong unit would put every later event at the wrong time.",
        example: "DRAGO cross head for 2sec -> ROCKY slip",
        instead: "DRAGO cross head for 2s -> ROCKY slip",
    }
    MALFORMED_CLOCK = "S011" "malformed-clock" Error Syntax {
        what: "Reports a clock time `m:ss` that cannot be read.",
        why: "Seconds are two digits from 00 to 59; `1:75` is not a time on any clock.",
        example: "@1:75 DRAGO jab head -> ROCKY block",
        instead: "@2:15 DRAGO jab head -> ROCKY block",
    }
    MALFORMED_NUMBER = "S012" "malformed-number" Error Syntax {
        what: "Reports a number that cannot be read or does not fit.",
        why: "Counts, rounds and points are whole numbers of a sensible size.",
        example: "REF count 99999999999",
        instead: "REF count 8",
    }
    MALFORMED_PERCENTAGE = "S013" "malformed-percentage" Error Syntax {
        what: "Reports a percentage that cannot be read.",
        why: "A speed is a whole percentage of full speed.",
        example: "ROCKY hook body speed 7.5% -> DRAGO hit",
        instead: "ROCKY hook body speed 75% -> DRAGO hit",
    }
    UNEXPECTED_TOKEN = "S014" "unexpected-token" Error Syntax {
        what: "Reports something standing where the grammar expects something else.",
        why: "The statement cannot be read past it; the rest of the statement is skipped and checking goes on at the next one.",
        example: "fight ROCKY vz DRAGO {",
        instead: "fight ROCKY vs DRAGO {",
    }
    DUPLICATE_MODIFIER = "S015" "duplicate-modifier" Error Syntax {
        what: "Reports a move modifier given twice.",
        why: "Two contact levels or two speeds contradict each other; which one did the fight director mean?",
        example: "MICK hook body contact light contact none -> TEDDY hit",
        instead: "MICK hook body contact light -> TEDDY hit",
    }
    MISPLACED_STATEMENT = "S016" "misplaced-statement" Error Syntax {
        what: "Reports a statement in a block where it cannot stand.",
        why: "A round outside a fight, a move outside a fight, a transition inside a round or a cast member outside `cast` has no meaning there.",
        example: "scene \"INT. ARENA\" {\n  round 1 { ROCKY jab head -> DRAGO hit }\n}",
        instead: "scene \"INT. ARENA\" {\n  fight ROCKY vs DRAGO {\n    round 1 { ROCKY jab head -> DRAGO hit }\n  }\n}",
    }
    RESERVED_TECHNIQUE = "S017" "reserved-technique-name" Error Syntax {
        what: "Reports a technique in `moves` named with a reserved word.",
        why: "A move named `round` or `left` could not be told apart from the keyword.",
        example: "moves {\n  round strike 1s\n}",
        instead: "moves {\n  roundhouse strike 1s\n}",
    }
    INVALID_CHARACTER = "S018" "invalid-character" Error Syntax {
        what: "Reports a character that starts no token.",
        why: "Outside strings, only the language's own characters mean something.",
        example: r#"ROCKY: "Hi" $"#,
        instead: r#"ROCKY: "Hi $""#,
    }
    UNKNOWN_VALUE = "S019" "unknown-value" Error Syntax {
        what: "Reports a word that is not one of the values its place allows.",
        why: "Roles, stances, pronouns (`he`, `she`, `they`), rulesets, methods, contact levels and modifiers are closed lists.",
        example: "result ROCKY knockout",
        instead: "result ROCKY ko",
    }
    DUPLICATE_ITEM = "S020" "duplicate-item" Error Syntax {
        what: "Reports a top-level item that may appear once appearing again.",
        why: "A script has one title page, one production, one cast and one `moves`; a second would silently override the first.",
        example: "title \"Rocky IV\"\ntitle \"Rocky IV, again\"",
        instead: "title \"Rocky IV\"",
    }
    SETTING_AFTER_EVENTS = "S021" "setting-after-events" Error Syntax {
        what: "Reports a fight setting after the fight's first beat, round or event.",
        why: "A ruleset that changes halfway through would make every earlier check meaningless.",
        example: "fight ROCKY vs DRAGO {\n  round 1 { … }\n  rounds 3\n}",
        instead: "fight ROCKY vs DRAGO {\n  rounds 3\n  round 1 { … }\n}",
    }
    MALFORMED_NAME = "S022" "malformed-name" Error Syntax {
        what: "Reports a name that mixes upper and lower case.",
        why: "Cast ids are upper case and keywords lower case, so each can be told from the other at a glance.",
        example: r#"Rocky: "Hello""#,
        instead: r#"ROCKY: "Hello""#,
    }
    NESTING_TOO_DEEP = "S023" "nesting-too-deep" Error Syntax {
        what: "Reports a block nested more than 64 levels deep (the file counts as one); the block is skipped unread.",
        why: "Scripts nest a handful of levels (scene, fight, round, exchange); a bound on depth keeps every tool that walks the tree, from the checker to the language server, from running out of stack on a file nobody reviewed.",
        example: "scene \"A\" { montage \"B\" { montage \"C\" { … sixty more … } } }",
        instead: "scene \"A\" { montage \"B\" { action \"…\" } }",
    }
    VALUE_TOO_LARGE = "S024" "value-too-large" Error Syntax {
        what: "Reports a duration or clock longer than 24 hours, or a count past its maximum (a whole number above 1,000 — rounds, round numbers, counts, percentages — or a flurry above x100).",
        why: "No fight, round or beat lasts a day; a value that large is a typo, and bounding it keeps both clocks exact (no overflow) and every export's size bound by the script, not by its numbers.",
        example: "beat 99999999999s",
        instead: "beat 2s",
    }
    DUPLICATE_SETTING = "S025" "duplicate-setting" Error Syntax {
        what: "Reports a fight setting (`rules`, `referee`, `rounds`, `round-length`, `rest`, `three-knockdown`) given twice in one fight.",
        why: "Two rulesets or two referees contradict each other, like two contact levels on one move; which one did the writer mean?",
        example: "fight ROCKY vs DRAGO {\n  rules pro\n  referee REF\n  rules amateur\n}",
        instead: "fight ROCKY vs DRAGO {\n  rules amateur\n  referee REF\n}",
    }
    ZERO_VALUE = "S026" "zero-value" Error Syntax {
        what: "Reports a zero where the value counts something that must happen at least once: `rounds 0`, `round-length 0:00`, `REF count 0`, `REF deduct ID 0`, `speed 0%`.",
        why: "A fight of no rounds, a round of no time, a count that starts at nought, a deduction of no points and a move at no speed mean nothing; the zero is a typo (like `x0`).",
        example: "REF count 0",
        instead: "REF count 1",
    }
    INVALID_ATTRIBUTE = "S027" "invalid-attribute" Error Syntax {
        what: "Reports a cast attribute on a role that does not have it (`for` on anyone but a corner, `stance` or `nickname` on anyone but a fighter), or an attribute given twice.",
        why: "A referee works for nobody and a corner has no stance; two stances, two cues or two sets of pronouns contradict each other, and one would be silently dropped.",
        example: "REF referee \"Referee\" for ROCKY\nDUKE corner \"Duke\" for ROCKY stance southpaw",
        instead: "REF referee \"Referee\"\nDUKE corner \"Duke\" for ROCKY",
    }
    UNKNOWN_REFEREE_ACTION = "S028" "unknown-referee-action" Error Syntax {
        what: "Reports a referee action that does not exist: a word after a referee (or close to a referee action) that is no technique.",
        why: "`REF brake` is a misspelt `break`, not an attack by the referee with an unknown technique; the count, break or stop it meant is what the fight's state follows.",
        example: "REF counts 8",
        instead: "REF count 8",
    }
    MISSING_QUOTES = "S029" "missing-quotes" Error Syntax {
        what: "Reports text written without its double quotes: a line of dialogue, an action, a scene heading, a title-page field.",
        why: "Without quotes the words would be read as keywords and names; the whole line is one mistake, not one per word.",
        example: "GUS: She loads up on the right",
        instead: "GUS: \"She loads up on the right.\"",
    }
    INVALID_SCENE_NUMBER = "S030" "invalid-scene-number" Error Syntax {
        what: "Reports a scene's `number \"…\"` that is not up to 16 letters, digits, `-` and `.`.",
        why: "Shooting scripts number scenes `12`, `12A`, `A12`; Fountain reads nothing else between its `#…#`, and a number with spaces or marks would break the heading it is printed beside.",
        example: "scene \"INT. GYM - DAY\" number \"12 A\" { … }",
        instead: "scene \"INT. GYM - DAY\" number \"12A\" { … }",
    }
    SPEECH_NOT_BEGUN = "S031" "speech-not-begun" Error Syntax {
        what: "Reports a line that opens with a parenthetical, `(beat): \"…\"`, with no line of dialogue just before it in its block.",
        why: "Such a line goes on the speech before it, under the same cue; with no speech before it, nobody is speaking.",
        example: "action \"Silence.\"\n(beat): \"Again.\"",
        instead: "ROCKY: \"Yo.\"\n(beat): \"Again.\"",
    }
    UNDECLARED_CAST = "N001" "undeclared-cast-member" Error Names {
        what: "Reports a cast id used but not declared in `cast`.",
        why: "Every speaker and fighter must be declared so the screenplay can name them and the checks know their role.",
        example: "ROCKI jab head -> DRAGO hit",
        instead: "ROCKY jab head -> DRAGO hit",
    }
    DUPLICATE_CAST = "N002" "duplicate-cast-member" Error Names {
        what: "Reports a cast id declared twice.",
        why: "One id must mean one person; the first declaration is kept.",
        example: "cast {\n  ROCKY fighter \"Rocky Balboa\"\n  ROCKY fighter \"Rocky, again\"\n}",
        instead: "cast {\n  ROCKY fighter \"Rocky Balboa\"\n}",
    }
    DUPLICATE_TECHNIQUE = "N003" "duplicate-technique" Error Names {
        what: "Reports a technique declared twice, or declared with a built-in's name.",
        why: "Each technique has one kind and one duration; a second declaration would contradict the first.",
        example: "moves {\n  jab strike 0.4s\n}",
        instead: "moves {\n  stiff-jab strike 0.4s\n}",
    }
    UNUSED_CAST = "N004" "unused-cast-member" Warning Names {
        what: "Reports a cast member who never appears.",
        why: "A member who never speaks or fights is usually a leftover or a misspelt id.",
        example: "cast {\n  ROCKY character \"Rocky\"\n  ADRIAN character \"Adrian\"\n}\nscene \"INT. GYM\" { ROCKY: \"Yo.\" }",
        instead: "cast {\n  ROCKY character \"Rocky\"\n}\nscene \"INT. GYM\" { ROCKY: \"Yo.\" }",
    }
    UNKNOWN_TECHNIQUE = "N005" "unknown-technique" Error Names {
        what: "Reports a technique neither built in nor declared in `moves`.",
        why: "The technique sets the move's kind (strike, grapple, feint) and its duration.",
        example: "ROCKY uppercutt chin -> DRAGO hit",
        instead: "ROCKY uppercut chin -> DRAGO hit",
    }
    WRONG_ROLE = "N006" "wrong-role" Error Names {
        what: "Reports a cast member doing what the member's role cannot do.",
        why: "Only fighters throw and take punches, `for` names the fighter a corner works for, and only a referee counts and stops.",
        example: "DUKE jab head -> DRAGO hit   // DUKE is a corner",
        instead: "ROCKY jab head -> DRAGO hit",
    }
    SELF_ATTACK = "N007" "self-attack" Error Names {
        what: "Reports a move whose attacker is also its defender, or a fight with the same fighter on both sides.",
        why: "It is almost always the wrong id after `->`.",
        example: "ROCKY hook body -> ROCKY hit",
        instead: "ROCKY hook body -> DRAGO hit",
    }
    NOT_IN_FIGHT = "N008" "not-in-fight" Error Names {
        what: "Reports a fighter in a fight event (move, corner, `up`, `towel`, referee action, result) who is not one of the fight's two.",
        why: "A fight is between the two fighters of its header; anyone else is a mistaken id.",
        example: "fight ROCKY vs DRAGO {\n  round 1 { APOLLO cross head -> DRAGO block }\n}",
        instead: "fight ROCKY vs DRAGO {\n  round 1 { ROCKY cross head -> DRAGO block }\n}",
    }
    DUPLICATE_LABEL = "N009" "duplicate-label" Error Names {
        what: "Reports a label defined twice.",
        why: "`after #label` must name one moment.",
        example: "exchange #opening { … }\nexchange #opening { … }",
        instead: "exchange #opening { … }\nexchange #answer { … }",
    }
    UNDEFINED_LABEL = "N010" "undefined-label" Error Names {
        what: "Reports `after` naming a label that is not defined.",
        why: "The statement would wait for something that never happens.",
        example: "DRAGO jab head -> ROCKY hit after #openng",
        instead: "DRAGO jab head -> ROCKY hit after #opening",
    }
}

codes! {
    CONFIGURATION;
    UNKNOWN_RULE = "C001" "unknown-rule" Error Config {
        what: "Reports a rule name in `bout.toml` or in `// bout: allow(…)` that no rule has.",
        why: "A misspelt rule name would silently configure nothing.",
        example: "[lints]\nlow-blows = \"allow\"",
        instead: "[lints]\nlow-blow = \"allow\"",
    }
    INVALID_CONFIG = "C002" "invalid-config" Error Config {
        what: "Reports a `bout.toml` that cannot be read, or a level that is not allow, warn or deny.",
        why: "A broken configuration would silently check with the defaults.",
        example: "[lints]\nlow-blow = \"off\"",
        instead: "[lints]\nlow-blow = \"allow\"",
    }
    UNKNOWN_CONFIG_KEY = "C003" "unknown-config-key" Error Config {
        what: "Reports a key or table at the top of `bout.toml` that bout does not read: anything but `root` and `[lints]`.",
        why: "A misspelt table such as `[lint]` would silently set no level at all, and the script would be checked with the defaults.",
        example: "[lint]\nlow-blow = \"allow\"",
        instead: "[lints]\nlow-blow = \"allow\"",
    }
}
