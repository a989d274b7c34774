#!/usr/bin/env bash
# Writes the trust corpus table (docs/corpus-results.md, section "Results") to the file given, default corpus-table.md.
# GRADASSERT_CASES=1000 scales every entry up (100 cases per entry and type otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-corpus-table.md}")"
CORPUS_RESULTS_PATH="$out" dotnet test tests/GradAssert.Corpus.Tests --filter "Category=CorpusTable" --logger "console;verbosity=normal"
echo "Corpus table written to $out"
