//! The rule catalogue: one table of every diagnostic code, with its name,
//! default level, category and explanation. `bout explain CODE` prints an
//! entry; `bout rules` lists them. Codes are never reused: a retired rule
//! keeps its row.

use super::{Category, Code, Severity};

macro_rules! codes {
    ($($ident:ident = $code:literal $name:literal $sev:ident $cat:ident {
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
        /// Every code, in code order within each category.
        pub const CODES: &[&Code] = &[$(&$ident),+];
    };
}

codes! {
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
        why: "Roles, stances, rulesets, methods, contact levels and modifiers are closed lists.",
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
        why: "A referee works for nobody and a cornerman has no stance; two stances or two cues contradict each other, and one would be silently dropped.",
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
        what: "Reports a cast member doing what his role cannot do.",
        why: "Only fighters throw and take punches, `for` names the fighter a corner works for, and only a referee counts and stops.",
        example: "DUKE jab head -> DRAGO hit   // DUKE is a corner",
        instead: "ROCKY jab head -> DRAGO hit",
    }
    SELF_ATTACK = "N007" "self-attack" Error Names {
        what: "Reports a fighter attacking himself, or a fight between a fighter and himself.",
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
    NOT_THE_REFEREE = "N011" "not-the-referee" Error Names {
        what: "Reports a referee who counts, breaks, warns, deducts, disqualifies or stops in a fight whose `referee` setting names someone else.",
        why: "One referee runs a fight; another referee in the cast acting in it is almost always the wrong id.",
        example: "fight ROCKY vs DRAGO {\n  referee REF\n  round 1 { …\n    MILLS count 8   // MILLS referees another fight\n  }\n}",
        instead: "fight ROCKY vs DRAGO {\n  referee REF\n  round 1 { …\n    REF count 8\n  }\n}",
    }
    WRONG_CORNER = "N012" "wrong-corner" Error Names {
        what: "Reports a corner member (`for FIGHTER`) speaking in the `corner` block of his fighter's opponent.",
        why: "A cornerman talks to his own fighter between rounds; a line in the opponent's corner is usually the wrong block or the wrong id. A member working for a fighter who is not in this fight (a trainer who has changed camps since) is not reported; one who changes sides mid-fight is a story: allow the rule on that line.",
        example: "DUKE corner \"Duke\" for ROCKY\n…\ncorner DRAGO { DUKE: \"Get up.\" }",
        instead: "corner ROCKY { DUKE: \"Get up.\" }",
    }
    ROUND_NUMBERING = "R001" "round-numbering" Error Rounds {
        what: "Reports a gap or a repeat in the numbering of rounds (a rounds montage counts for its rounds).",
        why: "Rounds are numbered 1, 2, 3… with no gaps; a skipped or repeated number is a lost or doubled round.",
        example: "round 1 { … }\nround 3 { … }",
        instead: "round 1 { … }\nround 2 { … }",
    }
    ROUND_BEYOND_SCHEDULE = "R002" "round-beyond-schedule" Error Rounds {
        what: "Reports a round numbered beyond the fight's `rounds`.",
        why: "A fight scheduled for 12 rounds has no round 13.",
        example: "rounds 3\nround 4 { … }",
        instead: "rounds 4\nround 4 { … }",
    }
    EVENT_OUTSIDE_ROUND = "R003" "event-outside-round" Error Rounds {
        what: "Reports a fight event standing directly in the fight where the ruleset has rounds.",
        why: "Under every ruleset but `street`, punches are thrown in rounds; outside one, the event has no time on the fight clock.",
        example: "fight ROCKY vs DRAGO {\n  referee REF\n  ROCKY jab head -> DRAGO hit\n}",
        instead: "fight ROCKY vs DRAGO {\n  referee REF\n  round 1 { ROCKY jab head -> DRAGO hit }\n}",
    }
    ROUNDS_IN_STREET_FIGHT = "R004" "rounds-in-street-fight" Error Rounds {
        what: "Reports a round, corner, rounds montage or `bell` in a `street` fight, and the settings only rounds have (`rounds`, `round-length`, `rest`, `three-knockdown`).",
        why: "A street fight has no rounds, no bell and no corners; its events stand directly in the fight, on one clock from its first event. A setting it cannot use would be silently ignored.",
        example: "fight MICK vs TEDDY {\n  rules street\n  round 1 { … }\n}",
        instead: "fight MICK vs TEDDY {\n  rules street\n  exchange { … }\n}",
    }
    MISSING_REFEREE = "R005" "missing-referee" Error Rounds {
        what: "Reports a fight without `referee` under a ruleset that requires one.",
        why: "Pro, amateur, exhibition and unsanctioned bouts have a referee who counts and stops.",
        example: "fight ROCKY vs DRAGO {\n  rules pro\n  round 1 { … }\n}",
        instead: "fight ROCKY vs DRAGO {\n  rules pro\n  referee REF\n  round 1 { … }\n}",
    }
    DOWN_FIGHTER_ATTACKS = "F001" "down-fighter-attacks" Error State {
        what: "Reports a fighter who is down or out throwing a move.",
        why: "A fighter on the canvas throws nothing until he is `up`; an unconscious one throws nothing at all.",
        example: "DRAGO cross chin -> ROCKY down mat\nROCKY jab head -> DRAGO hit",
        instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8\nROCKY up\nROCKY jab head -> DRAGO hit",
    }
    COUNT_WITHOUT_KNOCKDOWN = "F002" "count-without-knockdown" Error State {
        what: "Reports a referee's count with nobody down.",
        why: "The referee counts over a fighter on the canvas.",
        example: "DRAGO jab head -> ROCKY hit\nREF count 8",
        instead: "DRAGO jab head -> ROCKY down mat\nREF count 8",
    }
    SECOND_COUNT = "F003" "second-count" Error State {
        what: "Reports a second count for the same knockdown.",
        why: "Each knockdown has one count, which lasts as many seconds as it reaches.",
        example: "REF count 5\nREF count 8",
        instead: "REF count 8",
    }
    COUNT_ABOVE_TEN = "F004" "count-above-ten" Error State {
        what: "Reports a count above ten.",
        why: "At ten the fighter is counted out; there is no eleven.",
        example: "REF count 12",
        instead: "REF count 10",
    }
    UP_WITHOUT_KNOCKDOWN = "F005" "up-without-knockdown" Error State {
        what: "Reports `up` for a fighter who is not down.",
        why: "Only a fighter on the canvas can get up; usually the knockdown was written as `hit`.",
        example: "DRAGO cross chin -> ROCKY hit\nROCKY up",
        instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8\nROCKY up",
    }
    EIGHT_COUNT_SKIPPED = "F006" "eight-count-skipped" Error State {
        what: "Reports a count over a knocked-down fighter that stops below eight where the eight count is mandatory (pro, amateur): on the count, or on the `up` when there is no count (on the knockdown when neither follows).",
        why: "Under these rules the referee counts at least to eight after every knockdown, even if the fighter rises at three; a count cut short by his rising, the end of the round, a rounds montage or the end of the script is a count the referee never gave.",
        example: "DRAGO cross chin -> ROCKY down mat\nREF count 4\nROCKY up",
        instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8\nROCKY up",
    }
    EVENT_AFTER_END = "F007" "event-after-end" Error State {
        what: "Reports a fight event or round after the fight has ended (the referee's count over a fighter knocked `out`, or his stopping the fight just after, is part of the ending).",
        why: "After a knockout, stoppage, towel, disqualification or the third knockdown of the three-knockdown rule only beats can follow (the speech after the fight is a beat).",
        example: "REF count 10\nROCKY jab head -> DRAGO hit",
        instead: "REF count 10\naction \"ROCKY raises his arms.\"",
    }
    RESULT_MISMATCH = "F008" "result-mismatch" Error State {
        what: "Reports a `result` that disagrees with what the events show.",
        why: "The result must tell the story the rounds told: the winner and the way the fight ended.",
        example: "ROCKY left hook chin -> DRAGO down mat\nREF count 10\n…\nresult DRAGO ko",
        instead: "result ROCKY ko",
    }
    SHORT_OF_DISTANCE = "F009" "short-of-distance" Error State {
        what: "Reports `result … decision` or `result draw` in a fight that did not go its scheduled distance: a scheduled round is missing, or the last one does not end with its `bell`.",
        why: "The judges score a fight only when it goes the distance; a fight that stops short ended some other way, and the script should say how.",
        example: "rounds 3\nround 1 { … bell }\nround 2 { … bell }\nresult ROCKY decision",
        instead: "rounds 3\nround 1 { … bell }\nround 2 { … bell }\nround 3 { … bell }\nresult ROCKY decision",
    }
    SECOND_RESULT = "F010" "second-result" Error State {
        what: "Reports a second `result` in one fight.",
        why: "A fight ends once; two results contradict each other, and only the first is checked against the events.",
        example: "result ROCKY ko\nresult ROCKY tko",
        instead: "result ROCKY ko",
    }
    LOW_BLOW = "L001" "low-blow" Warning Fouls {
        what: "Reports a strike to the `groin` or `leg` where the ruleset has fouls.",
        why: "A low blow is a foul; if the story means it, the referee answers it. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
        example: "DRAGO hook groin -> ROCKY hit",
        instead: "DRAGO hook groin -> ROCKY hit\nREF warn DRAGO \"low blow\"",
    }
    RABBIT_PUNCH = "L002" "rabbit-punch" Warning Fouls {
        what: "Reports a strike to the `back-of-head` or `neck` where the ruleset has fouls.",
        why: "A rabbit punch is a foul, and a dangerous one. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
        example: "DRAGO hook back-of-head -> ROCKY hit",
        instead: "DRAGO hook back-of-head -> ROCKY hit\nREF deduct DRAGO",
    }
    KIDNEY_PUNCH = "L003" "kidney-punch" Warning Fouls {
        what: "Reports a strike to the `kidney` where the ruleset has fouls.",
        why: "A kidney punch is a foul. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
        example: "DRAGO hook kidney -> ROCKY hit",
        instead: "DRAGO hook kidney -> ROCKY hit\nREF warn DRAGO",
    }
    ILLEGAL_TECHNIQUE = "L004" "illegal-technique" Warning Fouls {
        what: "Reports a headbutt, elbow, knee, kick, slap, backhand, push, shove, grab, tackle or throw where the ruleset has fouls.",
        why: "Boxing allows punches with the closed glove; anything else is a foul. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
        example: "DRAGO headbutt nose -> ROCKY hit",
        instead: "DRAGO headbutt nose -> ROCKY hit\nREF warn DRAGO \"headbutt\"",
    }
    HIT_WHILE_DOWN = "L005" "hit-while-down" Warning Fouls {
        what: "Reports a strike on a fighter who is down, where the ruleset has fouls.",
        why: "Hitting a downed opponent is a foul. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
        example: "DRAGO cross chin -> ROCKY down mat\nDRAGO hook head -> ROCKY hit",
        instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8",
    }
    HIT_AFTER_BELL = "L006" "hit-after-bell" Warning Fouls {
        what: "Reports a strike after the bell that ended the round, where the ruleset has fouls (a grapple or a feint after the bell is no hit).",
        why: "Hitting after the bell is a foul, not an overrun of the round; a clinch, push or feint that carries past the bell is not. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
        example: "bell\nDRAGO hook head -> ROCKY hit",
        instead: "bell\nDRAGO hook head -> ROCKY hit\nREF warn DRAGO \"after the bell\"",
    }
    CLOCK_BACKWARDS = "T001" "clock-backwards" Error Time {
        what: "Reports a clock anchor `@m:ss` earlier than the time the events before it already reach.",
        why: "The round clock never runs backwards; the anchor or the events before it are wrong.",
        example: "@1:00 DRAGO jab head -> ROCKY block\n@0:30 ROCKY jab head -> DRAGO hit",
        instead: "@0:30 DRAGO jab head -> ROCKY block\n@1:00 ROCKY jab head -> DRAGO hit",
    }
    ANCHOR_PAST_ROUND = "T002" "anchor-past-round" Error Time {
        what: "Reports a clock anchor past the round's length.",
        why: "A three-minute round has no 3:10.",
        example: "@3:10 DRAGO jab head -> ROCKY block",
        instead: "@2:50 DRAGO jab head -> ROCKY block",
    }
    ROUND_OVERRUN = "T003" "round-overrun" Error Time {
        what: "Reports a round whose events run past its length before the bell.",
        why: "The bell ends the round at its length; events that need longer do not fit. (Events after a written `bell` are fouls, not overruns.)",
        example: "@2:59 DRAGO haymaker head x4 -> ROCKY stagger",
        instead: "@2:50 DRAGO haymaker head x4 -> ROCKY stagger",
    }
    DANGLING_TOGETHER = "T004" "dangling-together" Error Time {
        what: "Reports `&` on the first statement of a block, with nothing before it to start with.",
        why: "`&` means \"together with the one before\"; the first statement has none.",
        example: "round 1 {\n  & DRAGO jab head -> ROCKY block\n}",
        instead: "round 1 {\n  DRAGO jab head -> ROCKY block\n}",
    }
    AFTER_CYCLE = "T005" "after-cycle" Error Time {
        what: "Reports a cycle through `after`, on the cycle's first `after` in source order.",
        why: "Statements that wait for each other never start.",
        example: "ROCKY jab head -> DRAGO hit #a after #b\nDRAGO jab head -> ROCKY hit #b after #a",
        instead: "ROCKY jab head -> DRAGO hit #a\nDRAGO jab head -> ROCKY hit #b after #a",
    }
    SCENE_HEADING = "P001" "scene-heading" Warning Form {
        what: "Reports, on `production screen` or `page`, a scene heading that does not start as Fountain's do: INT, EXT, EST, INT./EXT, INT/EXT or I/E, then a period or a space.",
        why: "Readers, schedulers and screenplay software find scenes by these prefixes. A stage play's scenes are named freely (`ACT TWO, SCENE THREE`), so `production stage` is not checked.",
        example: r#"scene "MOSCOW ARENA" { … }"#,
        instead: r#"scene "INT. MOSCOW ARENA - NIGHT" { … }"#,
    }
    EMPTY_DIALOGUE = "P002" "empty-dialogue" Warning Form {
        what: "Reports dialogue whose line is empty or blank.",
        why: "A character cue with nothing under it reads as a mistake; a silent line is written \"...\".",
        example: r#"DRAGO: """#,
        instead: r#"DRAGO: "...""#,
    }
    TRANSITION_FORM = "P003" "transition-form" Warning Form {
        what: "Reports, on `production screen` or `page`, a transition that does not end in TO:, OUT., IN: or BLACK.",
        why: "Transitions are recognised by their ending; anything else reads as action. A stage play's transitions are lighting cues (`LIGHTS FADE.`, `BLACKOUT.`, `LIGHTS UP.`), so `production stage` is not checked.",
        example: r#"transition "CUT""#,
        instead: r#"transition "CUT TO:""#,
    }
    LONG_PARENTHETICAL = "P004" "long-parenthetical" Warning Form {
        what: "Reports a parenthetical longer than 40 characters.",
        why: "A parenthetical is a word or two of direction; a long one belongs in action.",
        example: r#"ROCKY (slowly getting up off the canvas, blood in his eye): "No.""#,
        instead: "action \"Rocky gets up off the canvas, blood in his eye.\"\nROCKY (quietly): \"No.\"",
    }
    STAGE_KNAP_MISSING = "X001" "stage-knap-missing" Error Safety {
        what: "Reports, on `production stage`, a strike that lands without a `knap`.",
        why: "On stage no blow really lands: someone makes the sound (the knap), and the performers must know who.",
        example: "production stage\n…\nMICK hook body contact light -> TEDDY hit",
        instead: "MICK hook body contact light knap victim -> TEDDY hit",
    }
    STAGE_HEAD_CONTACT = "X002" "stage-head-contact" Error Safety {
        what: "Reports, on `production stage`, a strike to the head that is not `contact none` (a slap may be `contact light`).",
        why: "Stage combat never makes contact with the head; the illusion is in the angle and the knap.",
        example: "TEDDY cross head -> MICK hit",
        instead: "TEDDY cross head contact none knap MICK -> MICK hit",
    }
    SCREEN_FULL_CONTACT_HEAD = "X003" "screen-full-contact-head" Error Safety {
        what: "Reports, on `production screen`, `contact full` to the head.",
        why: "No shot is worth a stunt performer's concussion; cheat the angle instead.",
        example: "DRAGO cross head contact full -> ROCKY hit",
        instead: "DRAGO cross head contact light camera \"over the shoulder\" -> ROCKY hit",
    }
    SCREEN_FALL_WITHOUT_MAT = "X004" "screen-fall-without-mat" Error Safety {
        what: "Reports, on `production screen`, a fall (`down`, `out`, or a `throw` or `tackle` that lands) without `mat`.",
        why: "Every fall on set lands on crash pads, planned in advance.",
        example: "DRAGO uppercut chin -> ROCKY down",
        instead: "DRAGO uppercut chin -> ROCKY down mat",
    }
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
