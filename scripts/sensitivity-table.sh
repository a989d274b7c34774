#!/usr/bin/env bash
# Writes the sensitivity table (docs/sensitivity.md) to the file given, default sensitivity-table.md:
# per layer kind, tensor and float type, the smallest relative gradient error caught in 9 of 10 seeded random cases,
# for the default options, PyTorch gradcheck's defaults, the course's rule and the exact reference (Reference.Auto).
# SENSITIVITY_CASES=30 measures on 30 cases (27 must catch the error) instead of 10 (9 must).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-sensitivity-table.md}")"
SENSITIVITY_RESULTS_PATH="$out" dotnet test tests/GradAssert.Corpus.Tests --filter "Category=SensitivityTable" --logger "console;verbosity=normal"
echo "Sensitivity table written to $out"
