; Every block folds.
[
  (cast_block)
  (moves_block)
  (scene_block)
  (beat_block)
  (fight_block)
  (round_block)
  (corner_block)
  (exchange_block)
] @fold
