//! One file per lint rule; the table below ties each to its code.

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
use crate::diag::{self, Code};

/// Every lint and its check, in code order.
pub(super) const LINTS: &[(&Code, Check)] = &[
    (&diag::NOT_THE_REFEREE, not_the_referee::check),
    (&diag::WRONG_CORNER, wrong_corner::check),
    (&diag::ROUND_NUMBERING, round_numbering::check),
    (&diag::ROUND_BEYOND_SCHEDULE, round_beyond_schedule::check),
    (&diag::EVENT_OUTSIDE_ROUND, event_outside_round::check),
    (&diag::ROUNDS_IN_STREET_FIGHT, rounds_in_street_fight::check),
    (&diag::MISSING_REFEREE, missing_referee::check),
    (&diag::DOWN_FIGHTER_ATTACKS, down_fighter_attacks::check),
    (
        &diag::COUNT_WITHOUT_KNOCKDOWN,
        count_without_knockdown::check,
    ),
    (&diag::SECOND_COUNT, second_count::check),
    (&diag::COUNT_ABOVE_TEN, count_above_ten::check),
    (&diag::UP_WITHOUT_KNOCKDOWN, up_without_knockdown::check),
    (&diag::EIGHT_COUNT_SKIPPED, eight_count_skipped::check),
    (&diag::EVENT_AFTER_END, event_after_end::check),
    (&diag::RESULT_MISMATCH, result_mismatch::check),
    (&diag::SHORT_OF_DISTANCE, short_of_distance::check),
    (&diag::SECOND_RESULT, second_result::check),
    (&diag::LOW_BLOW, low_blow::check),
    (&diag::RABBIT_PUNCH, rabbit_punch::check),
    (&diag::KIDNEY_PUNCH, kidney_punch::check),
    (&diag::ILLEGAL_TECHNIQUE, illegal_technique::check),
    (&diag::HIT_WHILE_DOWN, hit_while_down::check),
    (&diag::HIT_AFTER_BELL, hit_after_bell::check),
    (&diag::CLOCK_BACKWARDS, clock_backwards::check),
    (&diag::ANCHOR_PAST_ROUND, anchor_past_round::check),
    (&diag::ROUND_OVERRUN, round_overrun::check),
    (&diag::DANGLING_TOGETHER, dangling_together::check),
    (&diag::AFTER_CYCLE, after_cycle::check),
    (&diag::SCENE_HEADING, scene_heading::check),
    (&diag::EMPTY_DIALOGUE, empty_dialogue::check),
    (&diag::TRANSITION_FORM, transition_form::check),
    (&diag::LONG_PARENTHETICAL, long_parenthetical::check),
    (&diag::STAGE_KNAP_MISSING, stage_knap_missing::check),
    (&diag::STAGE_HEAD_CONTACT, stage_head_contact::check),
    (
        &diag::SCREEN_FULL_CONTACT_HEAD,
        screen_full_contact_head::check,
    ),
    (
        &diag::SCREEN_FALL_WITHOUT_MAT,
        screen_fall_without_mat::check,
    ),
];
