; A block's lines are indented one level; its `}` is not.
[
  (cast_block)
  (moves_block)
  (scene_block)
  (beat_block)
  (fight_block)
  (round_block)
  (corner_block)
  (exchange_block)
] @indent @indent.begin

"}" @indent.end @outdent @indent.branch
