#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs the third-party readers
# the tests run (Graphviz, poppler, librsvg, Chromium and Neovim from Debian when
# root; OpenTimelineIO, jsonschema, screenplain, the FDX readers
# screenplay-tools and open-fdx-toolkit, and PyMuPDF from PyPI into .venv;
# the tree-sitter CLI from crates.io; the VS Code extension's npm packages),
# then runs
# `cargo test`. Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dot >/dev/null || need+=(graphviz)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
# Headless Chromium prints the HTML screenplay for tests/pages.rs.
[ -x /usr/bin/chromium ] || need+=(chromium)
# Neovim, headless, is the real LSP client of tests/editors.rs.
command -v nvim >/dev/null || need+=(neovim)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "tests/run.sh: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "tests/run.sh: please install ${need[*]} (the interop tests need them)" >&2
  fi
fi

if ! .venv/bin/python -c "import opentimelineio, jsonschema, screenplain, screenplay_tools, fdx_parser, pymupdf, otio_fcp_adapter, otio_fcpx_xml_adapter, otio_cmx3600_adapter, otio_kdenlive_adapter, otio_xges_adapter, otio_aaf_adapter, otio_svg_adapter" 2>/dev/null; then
  echo "tests/run.sh: creating .venv with $(tr '\n' ' ' < tests/requirements.txt | sed 's/#[^=]*)//')" >&2
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/requirements.txt
fi

# fountain-js (pinned in tests/interop/package-lock.json) reads our Fountain
# back in the payload tests.
if ! [ -d tests/interop/node_modules/fountain-js ] || ! [ -d tests/interop/node_modules/playwright-core ]; then
  if ! command -v npm >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  npm ci --prefix tests/interop --no-audit --no-fund >/dev/null
fi

# The tree-sitter CLI (tests/editors.rs runs the grammar's own tests, checks
# the committed parser is generated, and builds it for Neovim), from
# crates.io, pinned, built once into a cache outside the clone.
tools=${BOUT_TOOLS:-$HOME/.cache/bout-tools}
if ! "$tools/bin/tree-sitter" --version 2>/dev/null | grep -q '0\.27\.1'; then
  echo "tests/run.sh: installing tree-sitter-cli 0.27.1 into $tools (once)" >&2
  cargo install --locked --quiet --root "$tools" tree-sitter-cli@0.27.1
fi
export PATH="$tools/bin:$PATH"

# The VS Code extension's packages (vsce, vscode-textmate, the language
# client), pinned in editors/vscode/package-lock.json.
if ! [ -d editors/vscode/node_modules/@vscode/vsce ]; then
  npm ci --prefix editors/vscode --no-audit --no-fund >/dev/null
fi

# The whole suite; its counts are summed into one closing line
# (`tests: N passed, M failed`), also kept in target/test-summary for
# .ci/run to repeat after the fuzzing.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --locked "$@" 2>&1 | tee "$log" || status=$?
summary=$(awk '/^test result:/ { p += $4; f += $6 } END { printf "tests: %d passed, %d failed\n", p, f }' "$log")
mkdir -p target
echo "$summary" > target/test-summary
echo "$summary"
exit "$status"
