#!/usr/bin/env bash
# Checks correct models larger than the corpus's entries (tests/GradAssert.Corpus.Tests/LargerModelTests.cs) on more
# seeded cases than an ordinary run: 40 per model by default, or the number given. Every one must pass.
set -euo pipefail
cd "$(dirname "$0")/.."
LARGER_MODEL_CASES="${1:-40}" dotnet test tests/GradAssert.Corpus.Tests -c Release --filter "FullyQualifiedName~LargerModelTests" --logger "console;verbosity=normal"
