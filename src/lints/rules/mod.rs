//! One file per lint rule. Each file declares its catalogue entry,
//! `pub const CODE: Code` (code, name, default level, category and
//! explanation), beside `check`; the table [`LINTS`] lists every rule module
//! once, in code order, and `diag::CODES` takes the lint codes from it.

mod after_cycle;
mod anchor_past_round;
mod clock_backwards;
mod count_above_ten;
mod count_without_knockdown;
mod dangling_together;
mod down_fighter_attacks;
mod eight_count_skipped;
mod empty_dialogue;
mod event_after_end;
mod event_outside_round;
mod fight_call_too_long;

pub(super) use fight_call_too_long::{
    CODE as FIGHT_CALL_CODE, applies as call_applies, report as call_report,
};
mod hit_after_bell;
mod hit_while_down;
mod illegal_technique;
mod kidney_punch;
mod long_parenthetical;
mod low_blow;
mod missing_referee;
mod not_the_referee;
mod rabbit_punch;
mod result_mismatch;
mod round_beyond_schedule;
mod round_numbering;
mod round_overrun;
mod rounds_in_street_fight;
mod scene_heading;
mod screen_fall_without_mat;
mod screen_full_contact_head;
mod second_count;
mod second_result;
mod short_of_distance;
mod stage_head_contact;
mod stage_knap_missing;
mod transition_form;
mod up_without_knockdown;
mod wrong_corner;

use super::Check;
use crate::diag::Code;

/// Builds [`LINTS`] from the rule modules, and [`codes`]: each rule's
/// `CODE` under the name the rest of the crate knows it by
/// (`diag::LOW_BLOW`).
macro_rules! lints {
    ($($rule:ident as $alias:ident),+ $(,)?) => {
        /// Every lint and its check, in code order.
        pub(super) const LINTS: &[(&Code, Check)] = &[$((&$rule::CODE, $rule::check)),+];

        /// Each lint's code by its constant name; `diag` re-exports them.
        pub mod codes {
            $(pub use super::$rule::CODE as $alias;)+
        }
    };
}

lints! {
    not_the_referee as NOT_THE_REFEREE,
    wrong_corner as WRONG_CORNER,
    round_numbering as ROUND_NUMBERING,
    round_beyond_schedule as ROUND_BEYOND_SCHEDULE,
    event_outside_round as EVENT_OUTSIDE_ROUND,
    rounds_in_street_fight as ROUNDS_IN_STREET_FIGHT,
    missing_referee as MISSING_REFEREE,
    down_fighter_attacks as DOWN_FIGHTER_ATTACKS,
    count_without_knockdown as COUNT_WITHOUT_KNOCKDOWN,
    second_count as SECOND_COUNT,
    count_above_ten as COUNT_ABOVE_TEN,
    up_without_knockdown as UP_WITHOUT_KNOCKDOWN,
    eight_count_skipped as EIGHT_COUNT_SKIPPED,
    event_after_end as EVENT_AFTER_END,
    result_mismatch as RESULT_MISMATCH,
    short_of_distance as SHORT_OF_DISTANCE,
    second_result as SECOND_RESULT,
    low_blow as LOW_BLOW,
    rabbit_punch as RABBIT_PUNCH,
    kidney_punch as KIDNEY_PUNCH,
    illegal_technique as ILLEGAL_TECHNIQUE,
    hit_while_down as HIT_WHILE_DOWN,
    hit_after_bell as HIT_AFTER_BELL,
    clock_backwards as CLOCK_BACKWARDS,
    anchor_past_round as ANCHOR_PAST_ROUND,
    round_overrun as ROUND_OVERRUN,
    dangling_together as DANGLING_TOGETHER,
    after_cycle as AFTER_CYCLE,
    scene_heading as SCENE_HEADING,
    empty_dialogue as EMPTY_DIALOGUE,
    transition_form as TRANSITION_FORM,
    long_parenthetical as LONG_PARENTHETICAL,
    stage_knap_missing as STAGE_KNAP_MISSING,
    stage_head_contact as STAGE_HEAD_CONTACT,
    screen_full_contact_head as SCREEN_FULL_CONTACT_HEAD,
    screen_fall_without_mat as SCREEN_FALL_WITHOUT_MAT,
    fight_call_too_long as FIGHT_CALL_TOO_LONG,
}

#[cfg(test)]
mod tests {
    use super::LINTS;
    use crate::diag;

    /// Every file of `src/lints/rules/` but this one, with the codes it
    /// declares (`…: Code = Code { code: "L001", …`), read from the source:
    /// a rule file that is not even a module of this one is found too.
    fn declared() -> Vec<(String, Vec<String>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lints/rules");
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".rs") || name == "mod.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let codes = text
                .split(": Code = Code {")
                .skip(1)
                .map(|rest| {
                    let at = rest.find("code: \"").expect("a code") + "code: \"".len();
                    let end = at + rest[at..].find('"').unwrap();
                    rest[at..end].to_owned()
                })
                .collect();
            files.push((name, codes));
        }
        files.sort();
        files
    }

    #[test]
    fn every_lint_code_is_declared_in_its_file_and_listed_in_lints_once() {
        let declared = declared();
        for (file, codes) in &declared {
            assert_eq!(
                codes.len(),
                1,
                "{file} must declare one code (`pub const CODE: Code`), not {codes:?}"
            );
            let listed = LINTS.iter().filter(|(c, _)| c.code == codes[0]).count();
            assert_eq!(
                listed,
                1,
                "{file} declares {}, which `LINTS` lists {listed} times (add `{} as …` to `lints!`, once)",
                codes[0],
                file.trim_end_matches(".rs"),
            );
        }
        assert_eq!(
            LINTS.len(),
            declared.len(),
            "`LINTS` lists {} rules for {} rule files: a rule is listed twice",
            LINTS.len(),
            declared.len()
        );
        for (code, _) in LINTS {
            let found = diag::CODES.iter().filter(|c| c.code == code.code).count();
            assert_eq!(found, 1, "{} is in `diag::CODES` {found} times", code.code);
        }
        // The catalogue holds no lint code that no rule file declares: a
        // code that is not a lint's is a syntax, names or configuration one.
        for c in diag::CODES {
            let lint = LINTS.iter().any(|(l, _)| l.code == c.code);
            let reading =
                c.code.starts_with(['S', 'C']) || (c.code.starts_with('N') && c.code <= "N010");
            assert!(
                lint != reading,
                "{} is declared in the wrong place: lint codes live in src/lints/rules/, the others in src/diag/registry.rs",
                c.code
            );
        }
    }
}
