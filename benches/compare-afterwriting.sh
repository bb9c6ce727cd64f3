#!/usr/bin/env bash
# Side by side, as whole commands: bout rendering a ~120-page generated
# screenplay to PDF, and afterwriting rendering the same screenplay (our
# Fountain of it) to PDF. Prints both page counts and hyperfine's ratio.
#
# Needs npm (afterwriting is installed into a temporary folder, not the
# repository), poppler's pdfinfo, and hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked -q
cargo bench --bench render --locked -q -- --write-script "$work"
(cd "$work" && npm install --silent --no-audit --no-fund afterwriting@1.17.3 >/dev/null)
aw="$work/node_modules/.bin/afterwriting"

target/release/bout render "$work/long.bout" --to pdf -o "$work/bout.pdf"
"$aw" --source "$work/long.fountain" --pdf "$work/aw.pdf" --overwrite >/dev/null
echo "pages: bout $(pdfinfo "$work/bout.pdf" | awk '/^Pages:/ {print $2}'), afterwriting $(pdfinfo "$work/aw.pdf" | awk '/^Pages:/ {print $2}')"

hyperfine -N -w 5 -r 40 \
  "target/release/bout render $work/long.bout --to pdf -o $work/bout.pdf" \
  "$aw --source $work/long.fountain --pdf $work/aw.pdf --overwrite"
