#!/usr/bin/env bash
# Writes the golden dump (tests/GradAssert.Corpus.Tests/GoldenDumpTests.cs) to the file given, default golden-dump.txt:
# every report of the corpus under the default options and ten other option sets, text and JSON. A change that must not
# move any verdict or figure leaves it byte for byte the same: `diff before.txt after.txt` prints nothing.
# GOLDEN_DUMP_CASES=20 dumps 20 cases per entry and type instead of 12.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-golden-dump.txt}")"
GOLDEN_DUMP_PATH="$out" dotnet test tests/GradAssert.Corpus.Tests -c Release --filter "Category=GoldenDump" --logger "console;verbosity=normal"
echo "Golden dump written to $out ($(grep -c '^==== ' "$out") reports)"
