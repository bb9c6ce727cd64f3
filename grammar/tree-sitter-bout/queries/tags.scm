; The outline: scenes, fights, rounds, exchanges, corners, montages, the
; cast and the moves.

(scene heading: (string) @name) @definition.module
(fight red: (cast_id) @name) @definition.class
(round number: (integer) @name) @definition.method
(exchange name: (string) @name) @definition.function
(corner fighter: (cast_id) @name) @definition.method
(montage title: (string) @name) @definition.module
(rounds_montage rounds: (range) @name) @definition.method
(cast_member id: (cast_id) @name) @definition.constant
(move_decl name: (technique) @name) @definition.function
(after label: (label) @name) @reference.call
