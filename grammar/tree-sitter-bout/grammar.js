/**
 * @file The bout language for tree-sitter: highlighting, folding,
 * indentation and outlines in editors.
 *
 * It follows `../bout.ebnf`, the normative grammar (the Rust parser in
 * `src/syntax/` is the reference; `tests/tree_sitter.rs` keeps the two in
 * agreement on every example and fixture). Statements end at a line end,
 * at `;`, or before the `}` that closes their block, as in the EBNF.
 *
 * Node names are those of the Rust tree's statement kinds (`move`,
 * `referee`, `up`, `pause` for `beat`, …), so a tool can map one to the
 * other.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// The closed vocabularies, as `src/syntax/words.rs` spells them
// (`tests/tree_sitter.rs` checks that every word there is here).
const TITLE_KEYS = ['title', 'credit', 'author', 'source', 'draft', 'contact', 'copyright', 'notes'];
const ROLES = ['fighter', 'corner', 'referee', 'announcer', 'character', 'crowd'];
const MOVE_KINDS = ['strike', 'grapple', 'feint'];
const RULESETS = ['pro', 'amateur', 'exhibition', 'unsanctioned', 'street'];
const METHODS = ['ko', 'tko', 'rtd', 'decision', 'dq'];
const SIDES = ['left', 'right', 'lead', 'rear'];
const TARGETS = ['head', 'chin', 'jaw', 'nose', 'eye', 'temple', 'ear', 'neck', 'body', 'ribs',
  'liver', 'kidney', 'solar-plexus', 'stomach', 'shoulder', 'arm', 'leg', 'groin', 'back-of-head'];
const EVASIONS = ['slip', 'duck', 'roll', 'weave', 'step-back'];
const DIRECTIONS = ['left', 'right', 'back'];
const DEFENCES = ['block', 'parry', 'cover', 'clinch'];
const LANDED = ['hit', 'stagger', 'down', 'out'];
const WOUNDS = ['cut', 'swell'];
const LOCATIONS = ['left-brow', 'right-brow', 'left-eye', 'right-eye', 'nose', 'lip', 'cheek'];
const CONTACTS = ['none', 'light', 'full'];
const KNAP_WHO = ['self', 'victim', 'shared', 'none'];

const oneOf = (words) => choice(...words);

module.exports = grammar({
  name: 'bout',

  extras: $ => [/[ \t]/, $.comment, /\uFEFF/],

  word: $ => $.word,

  conflicts: $ => [],

  rules: {
    script: $ => repeat(choice($._top_item, $._end)),

    _end: _ => choice(/\r?\n|\r/, ';'),

    _top_item: $ => choice(
      $.title_field, $.production, $.cast, $.moves, $.scene, $.transition, $.page,
      $.unknown_statement,
    ),

    // A line that starts with a word no statement starts with (a misspelt
    // keyword, a half-typed line): read to its end, and its block if it
    // opens one, so one typo leaves the rest of the file as it is. The
    // Rust parser reports it (unknown-keyword); tools treat this node as
    // an error.
    unknown_statement: $ => prec.right(-1, seq(
      optional($._prefix),
      field('keyword', alias($.word, $.unknown_word)),
      repeat($._loose),
      optional(field('body', $.unknown_block)),
    )),
    _loose: $ => choice(
      $.string, $.cast_id, $.word, $.label, $.integer, $.percent, $.flurry, $.range,
      $.clock, $.duration, $.anchor, $.extension, $.parenthetical, '->', '&', ':',
    ),
    unknown_block: $ => seq('{', repeat(choice($._any_statement, $._end)), '}'),
    _any_statement: $ => choice(
      $._beat, $.transition, $.page, $.montage, $.fight, $.setting, $.round, $.corner,
      $.rounds_montage, $.result, $.exchange, $._event, $.unknown_statement,
    ),

    // ---- The title page, production, cast and moves ----

    title_field: $ => seq(field('key', alias(oneOf(TITLE_KEYS), $.title_key)), field('value', $.string)),

    production: $ => seq('production', field('mode', alias(choice('page', 'screen', 'stage'), $.production_mode))),

    cast: $ => seq('cast', field('body', $.cast_block)),
    cast_block: $ => seq('{', repeat(choice($.cast_member, $._end)), '}'),
    cast_member: $ => seq(
      field('id', $.cast_id),
      field('role', alias(oneOf(ROLES), $.role)),
      field('name', $.string),
      repeat($._cast_attribute),
    ),
    _cast_attribute: $ => choice(
      seq('cue', field('cue', $.string)),
      seq('stance', field('stance', alias(choice('orthodox', 'southpaw'), $.stance))),
      seq('nickname', field('nickname', $.string)),
      seq('pronouns', field('pronouns', alias(choice('he', 'she', 'they'), $.pronoun))),
      seq('for', field('works_for', $.cast_id)),
    ),

    moves: $ => seq('moves', field('body', $.moves_block)),
    moves_block: $ => seq('{', repeat(choice($.move_decl, $._end)), '}'),
    move_decl: $ => seq(
      field('name', alias($.word, $.technique)),
      field('kind', alias(oneOf(MOVE_KINDS), $.move_kind)),
      field('duration', $._duration),
    ),

    // ---- Scenes and beats ----

    scene: $ => seq(
      'scene',
      field('heading', $.string),
      optional(seq('number', field('number', $.string))),
      optional($.label),
      field('body', $.scene_block),
    ),
    scene_block: $ => seq('{', repeat(choice($._scene_item, $._end)), '}'),
    _scene_item: $ => choice($._beat, $.transition, $.page, $.montage, $.fight, $.unknown_statement),

    transition: $ => seq(optional($._prefix), 'transition', field('text', $.string), repeat($._suffix)),

    // What the page shows or the outline keeps: `centered`, `lyric`,
    // `section [DEPTH]`, `synopsis`, `page-break` (one node, as the Rust
    // tree has one statement kind for them).
    page: $ => seq(
      optional($._prefix),
      choice(
        seq(field('kind', alias(choice('centered', 'lyric', 'synopsis'), $.page_kind)), field('text', $.string)),
        seq(field('kind', alias('section', $.page_kind)), optional(field('depth', $.integer)), field('text', $.string)),
        field('kind', alias('page-break', $.page_kind)),
      ),
      repeat($._suffix),
    ),

    _beat: $ => choice($.action, $.shot, $.sound, $.note, $.pause, $.dialogue),
    action: $ => seq(optional($._prefix), 'action', field('text', $.string), repeat($._suffix)),
    shot: $ => seq(optional($._prefix), 'shot', field('text', $.string), repeat($._suffix)),
    sound: $ => seq(optional($._prefix), 'sound', field('text', $.string), repeat($._suffix)),
    note: $ => seq(optional($._prefix), 'note', field('text', $.string), repeat($._suffix)),
    pause: $ => seq(optional($._prefix), 'beat', optional(field('duration', $._duration)), repeat($._suffix)),
    // `ROCKY [V.O.] (quietly): "…"`, or `(beat): "…"`: the next part of
    // the speech just before it, under the same cue.
    dialogue: $ => seq(
      optional($._prefix),
      choice(
        seq(
          field('speaker', $.cast_id),
          optional(field('extension', $.extension)),
          optional(field('parenthetical', $.parenthetical)),
        ),
        field('parenthetical', $.parenthetical),
      ),
      ':',
      field('line', $.string),
      repeat($._suffix),
    ),

    montage: $ => seq('montage', field('title', $.string), optional($.label), field('body', $.beat_block)),
    beat_block: $ => seq('{', repeat(choice($._beat, $.page, $.unknown_statement, $._end)), '}'),

    // ---- Line decorations ----

    _prefix: $ => choice(seq($.anchor, optional($.together)), $.together),
    together: _ => '&',
    _suffix: $ => choice($.label, $.after, seq('for', field('duration', $._duration))),
    _event_suffix: $ => choice($.label, $.after),
    after: $ => seq('after', field('label', $.label)),

    // ---- Fights ----

    fight: $ => seq(
      'fight', field('red', $.cast_id), 'vs', field('blue', $.cast_id), optional($.label),
      field('body', $.fight_block),
    ),
    fight_block: $ => seq('{', repeat(choice($.setting, $._fight_item, $._end)), '}'),
    setting: $ => choice(
      seq('rules', field('value', alias(oneOf(RULESETS), $.ruleset))),
      seq('rounds', field('value', $.integer)),
      seq('round-length', field('value', $._duration)),
      seq('rest', field('value', $._duration)),
      seq('referee', field('value', $.cast_id)),
      seq('three-knockdown', field('value', alias(choice('on', 'off'), $.switch))),
    ),
    _fight_item: $ => choice($._beat, $.round, $.corner, $.rounds_montage, $.result, $.exchange, $._event, $.unknown_statement),

    round: $ => seq('round', field('number', $.integer), optional($.label), field('body', $.round_block)),
    round_block: $ => seq('{', repeat(choice($._beat, $.exchange, $._event, $.unknown_statement, $._end)), '}'),

    corner: $ => seq('corner', field('fighter', $.cast_id), optional($.label), field('body', $.corner_block)),
    corner_block: $ => seq('{', repeat(choice($._beat, $.towel, $.unknown_statement, $._end)), '}'),

    rounds_montage: $ => seq(
      'montage', 'rounds', field('rounds', $.range),
      optional(seq('screen', field('screen', $._duration))), optional($.label),
      field('body', $.beat_block),
    ),

    result: $ => seq('result', choice(
      seq(field('winner', $.cast_id), field('method', alias(oneOf(METHODS), $.method))),
      'draw',
      'no-contest',
    )),

    exchange: $ => seq(
      optional($._prefix), 'exchange', optional(field('name', $.string)), optional($.label),
      optional($.after), field('body', $.exchange_block),
    ),
    exchange_block: $ => seq('{', repeat(choice($._beat, $._event, $.unknown_statement, $._end)), '}'),

    // ---- Events ----

    _event: $ => choice($.move, $.referee, $.up, $.towel, $.bell),

    move: $ => seq(
      optional($._prefix),
      field('attacker', $.cast_id),
      optional(field('side', alias(oneOf(SIDES), $.side))),
      field('technique', alias($.word, $.technique)),
      optional(field('target', alias(oneOf(TARGETS), $.target))),
      repeat($._modifier),
      optional(field('reaction', $.reaction)),
      repeat($._event_suffix),
    ),
    _modifier: $ => choice(
      $.flurry,
      $.contact,
      $.knap,
      $.speed,
      $.camera,
      $.duration_modifier,
    ),
    contact: $ => seq('contact', field('level', alias(oneOf(CONTACTS), $.contact_level))),
    knap: $ => seq('knap', field('who', choice(alias(oneOf(KNAP_WHO), $.knap_who), $.cast_id))),
    speed: $ => seq('speed', field('value', $.percent)),
    camera: $ => seq('camera', field('angle', $.string)),
    duration_modifier: $ => seq('for', field('duration', $._duration)),

    reaction: $ => seq(
      '->',
      field('defender', $.cast_id),
      choice(
        seq(field('kind', alias(oneOf(EVASIONS), $.reaction_kind)),
          optional(field('direction', alias(oneOf(DIRECTIONS), $.direction)))),
        field('kind', alias(oneOf(DEFENCES), $.reaction_kind)),
        field('kind', alias('miss', $.reaction_kind)),
        field('kind', alias(oneOf(LANDED), $.reaction_kind)),
        seq(field('kind', alias(oneOf(WOUNDS), $.reaction_kind)),
          field('location', alias(oneOf(LOCATIONS), $.location))),
      ),
      optional(field('mat', alias('mat', $.mat))),
    ),

    referee: $ => seq(
      optional($._prefix),
      field('referee', $.cast_id),
      choice(
        seq(alias('count', $.referee_verb), field('count', $.integer)),
        alias('break', $.referee_verb),
        seq(alias('warn', $.referee_verb), field('fighter', $.cast_id), optional(field('reason', $.string))),
        seq(alias('deduct', $.referee_verb), field('fighter', $.cast_id), optional(field('points', $.integer))),
        seq(alias('disqualify', $.referee_verb), field('fighter', $.cast_id)),
        seq(alias('stop', $.referee_verb), field('fighter', $.cast_id)),
      ),
      repeat($._event_suffix),
    ),
    up: $ => seq(optional($._prefix), field('fighter', $.cast_id), 'up', repeat($._event_suffix)),
    towel: $ => seq(optional($._prefix), 'towel', field('fighter', $.cast_id), repeat($._event_suffix)),
    bell: $ => seq(optional($._prefix), 'bell', repeat($._event_suffix)),

    // ---- Tokens ----

    _duration: $ => choice($.clock, $.duration),

    cast_id: _ => /[A-Z][A-Z0-9_]*/,
    word: _ => /[a-z]+(-[a-z]+)*/,
    label: _ => /#[a-z]+(-[a-z]+)*/,
    integer: _ => /[0-9]+/,
    percent: _ => /[0-9]+%/,
    flurry: _ => /x[0-9]+/,
    range: _ => /[0-9]+\.\.[0-9]+/,
    clock: _ => /[0-9]+:[0-5][0-9](\.[0-9]{1,3})?/,
    duration: _ => /[0-9]+(\.[0-9]{1,3})?(s|ms)/,
    anchor: _ => /@[0-9]+:[0-5][0-9](\.[0-9]{1,3})?/,
    extension: _ => /\[[^\]\r\n]*\]/,
    parenthetical: _ => /\([^)\r\n]*\)/,

    string: $ => choice(
      seq('"', repeat(choice($.string_content, $.escape_sequence)), token.immediate('"')),
      seq('"""', repeat(choice($.text_content, $.escape_sequence)), token.immediate('"""')),
    ),
    string_content: _ => token.immediate(prec(1, /[^"\\\r\n]+/)),
    text_content: _ => token.immediate(prec(1, choice(/[^"\\]+/, /"[^"\\]/, /""[^"\\]/))),
    escape_sequence: _ => token.immediate(choice(/\\["\\nt*_]/, /\\u\{[0-9a-fA-F]{1,6}\}/)),

    comment: _ => token(seq('//', /[^\r\n]*/)),
  },
});
