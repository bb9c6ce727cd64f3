; Cast ids and labels: definitions and references.

(script) @local.scope

(cast_member id: (cast_id) @local.definition)
(move_decl name: (technique) @local.definition)
(scene (label) @local.definition)
(fight (label) @local.definition)
(round (label) @local.definition)
(corner (label) @local.definition)
(montage (label) @local.definition)
(rounds_montage (label) @local.definition)
(exchange (label) @local.definition)
(move (label) @local.definition)
(referee (label) @local.definition)
(up (label) @local.definition)
(towel (label) @local.definition)
(bell (label) @local.definition)
(action (label) @local.definition)
(shot (label) @local.definition)
(sound (label) @local.definition)
(note (label) @local.definition)
(pause (label) @local.definition)
(dialogue (label) @local.definition)
(transition (label) @local.definition)
(page (label) @local.definition)

(after label: (label) @local.reference)
(cast_id) @local.reference
(technique) @local.reference
