#!/usr/bin/env bash
# Writes the trust corpus table twice, with grouped finite differences (the default) and with every element compared
# alone (CORPUS_GROUPING=off), and fails unless the two are the same. Keeps both tables in the folder given (default .).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(realpath -m "${1:-.}")"
mkdir -p "$dir"
scripts/corpus-table.sh "$dir/corpus-grouped.md"
CORPUS_GROUPING=off scripts/corpus-table.sh "$dir/corpus-alone.md"
if diff "$dir/corpus-grouped.md" "$dir/corpus-alone.md"; then
  echo "Grouping on and off give the same corpus table ($dir/corpus-grouped.md, $dir/corpus-alone.md)."
else
  echo "Grouping changed the corpus table (diff above)." >&2
  exit 1
fi
