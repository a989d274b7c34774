#!/usr/bin/env bash
# Runs the fuzz harness (tests/GradAssert.Fuzz, Release) and writes its Markdown table to the file given, default
# fuzz-results.md; every further argument goes to the harness (--kinds, --class, --seeds 1..30, --grouping, --type,
# --variant, --verbose, --baseline FILE, --subset; see --help). docs/fuzz-results.md is `scripts/fuzz.sh docs/fuzz-results.md`.
set -euo pipefail
cd "$(dirname "$0")/.."
out="fuzz-results.md"
if [[ $# -gt 0 && "$1" != --* ]]; then
  out="$1"
  shift
fi
out="$(realpath -m "$out")"
dotnet run -c Release --project tests/GradAssert.Fuzz -- --out "$out" "$@"
echo "Fuzz table written to $out"
