#!/usr/bin/env bash
# Builds the fuzz targets, seeds their corpora and fuzzes each for SECONDS
# (default 60), one after another, in one process each. Exits non-zero when
# any target crashed, hung (one input over 10 s) or ran out of memory, and
# prints the input that did it. See fuzz/README.md.
#
#   fuzz/run.sh [SECONDS] [TARGET...]       targets: check export render config fmt lsp import import_fdx
#
# Environment:
#   BOUT_FUZZ_CACHE      build and grown corpora live here, outside the clone,
#                        so a second run on the same machine starts warm
#                        (default ~/.cache/bout-fuzz)
#   BOUT_FUZZ_SANITIZER  cargo fuzz's --sanitizer (default none: bout is
#                        safe Rust, and plain builds run about twice as fast)
#   BOUT_FUZZ_ARGS       extra libFuzzer flags, e.g. "-seed=1"
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check export render config fmt lsp import import_fdx)

cache=${BOUT_FUZZ_CACHE:-$HOME/.cache/bout-fuzz}
export CARGO_TARGET_DIR="$cache/target"
mkdir -p "$cache"

# The tools: nightly and cargo-fuzz, installed when missing.
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz/run.sh: installing the nightly toolchain" >&2
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

# Release with debug assertions and overflow checks on, so arithmetic
# overflow panics instead of wrapping.
cargo +nightly fuzz build -O --debug-assertions --sanitizer "${BOUT_FUZZ_SANITIZER:-none}"
bin="$CARGO_TARGET_DIR/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"

fuzz/seed.sh

mkdir -p fuzz/logs
failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="$cache/corpus/$target"
  artifacts="$root/fuzz/artifacts/$target"
  log="$root/fuzz/logs/$target.log"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz/run.sh: fuzzing $target for ${seconds}s (log: fuzz/logs/$target.log)" >&2
  status=0
  # One process, one thread; new inputs go to the cached corpus, the
  # committed seeds are read from fuzz/corpus.
  # shellcheck disable=SC2086
  "$bin/$target" "$corpus" "fuzz/corpus/$target" \
    -dict=fuzz/bout.dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -artifact_prefix="$artifacts/" \
    -print_final_stats=1 ${BOUT_FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
  stats=$({ grep -E '^#[0-9]+' "$log" || true; } | tail -1 | sed -E 's/^#([0-9]+)\s+\w+\s+/runs: \1 /')
  if [ "$status" -ne 0 ]; then
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1 || true)
    kind=$(grep -oE 'ERROR: libFuzzer: [a-z-]+|deadly signal|panicked at' "$log" | head -1 || true)
    echo "fuzz/run.sh: $target FAILED (${kind:-exit $status}); the input: ${input:-see the log}" >&2
    echo "---- fuzz/logs/$target.log (end) ----" >&2
    grep -vE '^#[0-9]+\s+(NEW|REDUCE|pulse)|# Uses:' "$log" | tail -50 >&2
    echo "----" >&2
    echo "reproduce: $bin/$target ${input:-INPUT}" >&2
    echo "minimise:  CARGO_TARGET_DIR=$CARGO_TARGET_DIR cargo +nightly fuzz tmin -O -a -s none $target ${input:-INPUT}" >&2
    failed+=("$target: ${input:-exit $status}")
  fi
  summary+=("$target: ${stats:-no stats}")
done

echo "fuzz/run.sh: summary" >&2
printf '  %s\n' "${summary[@]}" >&2
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: ${#failed[@]} target(s) failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz/run.sh: no crash, hang or out-of-memory in ${#targets[@]} target(s)" >&2
