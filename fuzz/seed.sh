#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's own scripts:
#   fuzz/corpus/{check,export,render}/  every .bout under examples/,
#       examples/errors/, tests/fixtures/ (fuzz regressions included) and
#       tests/rules/;
#   fuzz/corpus/config/  every .toml under tests/rules/, tests/fixtures/fuzz/
#       and fuzz/seeds/config/;
#   fuzz/corpus/import_fdx/  every .fdx under tests/import/ and
#       tests/fixtures/fuzz/;
#   fuzz/corpus/import/  every .fountain under tests/import/ and
#       tests/fixtures/fuzz/.
# Files are named by their SHA-1, as libFuzzer names its own, so seeding
# twice adds nothing. The corpora are not committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."

add() { # add DIR FILE...
  local dir=$1
  shift
  mkdir -p "$dir"
  local file
  for file in "$@"; do
    cp "$file" "$dir/$(sha1sum "$file" | cut -d' ' -f1)"
  done
}

mapfile -t scripts < <(
  { find examples -maxdepth 1 -name '*.bout'
    find examples/errors tests/fixtures tests/rules -name '*.bout'
    find tests/fixtures/fuzz -type f -not -name '*.md' -not -name '*.toml' 2>/dev/null || true
  } | sort -u)
mapfile -t configs < <(find tests/rules tests/fixtures/fuzz fuzz/seeds/config -name '*.toml' 2>/dev/null | sort)

for target in check export render fmt lsp; do
  add "fuzz/corpus/$target" "${scripts[@]}"
done
add fuzz/corpus/config "${configs[@]}"
# Final Draft files for the FDX importer: the import fixtures and any FDX
# fuzz finding.
mapfile -t fdx < <(find tests/import tests/fixtures/fuzz -name '*.fdx' 2>/dev/null | sort)
add fuzz/corpus/import_fdx "${fdx[@]}"
# Fountain screenplays for the Fountain importer: the import fixtures and
# any Fountain fuzz finding.
mapfile -t fountain < <(find tests/import tests/fixtures/fuzz -name '*.fountain' 2>/dev/null | sort)
add fuzz/corpus/import "${fountain[@]}"

for target in check export render config fmt import_fdx; do
  echo "fuzz/seed.sh: fuzz/corpus/$target: $(find "fuzz/corpus/$target" -type f | wc -l) inputs" >&2
done
