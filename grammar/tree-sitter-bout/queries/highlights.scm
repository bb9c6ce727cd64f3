; bout highlights. Captures follow the names Neovim, Helix and Zed share.

(comment) @comment
((comment) @keyword.directive
  (#match? @keyword.directive "^//\\s*bout:\\s*allow\\("))

[
  "production" "cast" "moves" "scene" "transition" "action" "shot" "sound"
  "note" "beat" "montage" "fight" "vs" "round" "corner" "result" "exchange"
  "towel" "bell" "up" "after" "for" "screen" "rounds" "cue" "stance"
  "nickname" "pronouns" "rules" "round-length" "rest" "referee"
  "three-knockdown" "contact" "knap" "speed" "camera" "draw" "no-contest"
  "number"
] @keyword

(page_kind) @keyword

(title_key) @keyword
(referee_verb) @keyword

(cast_id) @variable

(technique) @function

(target) @constant
(side) @constant
(reaction_kind) @constant.builtin
(direction) @constant
(location) @constant
(mat) @keyword
(contact_level) @constant
(knap_who) @constant
(role) @type
(move_kind) @type
(ruleset) @constant
(method) @constant
(switch) @constant.builtin
(stance) @constant
(pronoun) @constant
(production_mode) @constant

(label) @label
(anchor) @label
(together) @operator
"->" @operator

[(integer) (percent) (flurry) (range)] @number
[(clock) (duration)] @number

(string) @string
(escape_sequence) @string.escape
(extension) @string.special
(parenthetical) @string.special

["{" "}"] @punctuation.bracket
[":" ";"] @punctuation.delimiter
