#!/usr/bin/env bash
# Refreshes the public API baseline of every project under src/ that ships an assembly users compile or run against
# (all but GradAssert.Analyzers): PublicAPI.Unshipped.txt beside each csproj, from Microsoft.CodeAnalysis.PublicApiAnalyzers'
# own diagnostics. Run it after a deliberate change of the public surface, then review `git diff -- '*PublicAPI*'`:
#
#   scripts/update-public-api.sh
#
# How: each PublicAPI.Unshipped.txt is emptied (its '#nullable enable' header kept), the projects are built with the
# analyzer's warnings left as warnings, and every symbol the analyzer reports as undeclared (RS0016, in the file's own
# format) is written back, sorted. A symbol listed in PublicAPI.Shipped.txt that is gone (RS0017 there) is written as
# '*REMOVED*<symbol>', the analyzer's convention. Symbols are collected per target framework: when net8.0 and net10.0
# agree (today they do) there is one file per project; otherwise the common part stays beside the csproj and each
# framework's own part goes to PublicAPI/<tfm>/PublicAPI.Unshipped.txt (Directory.Build.targets reads those).
# Last, the projects are built again with warnings as errors: the script fails if the baseline still does not hold.
# PublicAPI.Shipped.txt is never rewritten: at a release, move the lines of Unshipped into Shipped by hand.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work="$(mktemp -d "${TMPDIR:-/tmp}/gradassert-public-api.XXXXXX")"
header='#nullable enable'

projects=()
for csproj in src/*/*.csproj; do
  [[ "$(basename "$csproj" .csproj)" == GradAssert.Analyzers ]] && continue
  projects+=("$csproj")
done

# Keep the current files, to put them back if anything fails on the way.
backup="$work/backup.tar"
tar -cf "$backup" --files-from /dev/null
for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  find "$dir" -path "$dir/bin" -prune -o -path "$dir/obj" -prune -o -name 'PublicAPI.*.txt' -print0 | xargs -0 -r tar -rf "$backup"
done
restore_on_failure() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    for csproj in "${projects[@]}"; do rm -rf "$(dirname "$csproj")"/PublicAPI.*.txt "$(dirname "$csproj")/PublicAPI"; done
    tar -xf "$backup"
    echo "update-public-api: FAILED; the PublicAPI files are as they were. Logs: $work" >&2
  else
    [[ -n "${KEEP:-}" ]] || rm -rf "$work"
  fi
}
trap restore_on_failure EXIT

# 1. Empty every Unshipped file (per-framework ones are rewritten below only where needed).
for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  [[ -f "$dir/PublicAPI.Shipped.txt" ]] || echo "$header" >"$dir/PublicAPI.Shipped.txt"
  echo "$header" >"$dir/PublicAPI.Unshipped.txt"
  rm -f "$dir"/PublicAPI/*/PublicAPI.Unshipped.txt
done

# 2. Build with the analyzer's findings as warnings and collect them. One build of a solution filter holding the
#    projects, so MSBuild builds them in parallel and each once.
{
  printf '{ "solution": { "path": "%s", "projects": [' "$repo/GradAssert.sln"
  sep=""
  for csproj in "${projects[@]}"; do printf '%s "%s"' "$sep" "${csproj//\//\\\\}"; sep=","; done
  printf ' ] } }\n'
} >"$work/src.slnf"
build() {  # <log> <extra msbuild args...>
  local log="$1"; shift
  echo "update-public-api: building ${#projects[@]} projects" >&2
  if ! dotnet build "$work/src.slnf" -tl:off -v:q --nologo -clp:PerformanceSummary "$@" >"$log" 2>&1; then
    grep -E ': error ' "$log" | sort -u >&2 || true
    return 1
  fi
}
build "$work/collect.log" -p:TreatWarningsAsErrors=false \
  || { echo "update-public-api: the projects do not build (errors above)" >&2; exit 1; }

# One line per finding: <csproj>\t<tfm>\t<entry>, where entry is the symbol or *REMOVED*symbol.
awk -v q="'" '
  function between(line, before, after,   i, rest) {
    i = index(line, before); rest = substr(line, i + length(before))
    return substr(rest, 1, index(rest, after) - 1)
  }
  match($0, /\[[^][]*\.csproj(::TargetFramework=[^]]*)?\]$/) {
    tag = substr($0, RSTART + 1, RLENGTH - 2)
    project = tag; tfm = ""
    if ((i = index(tag, "::TargetFramework=")) > 0) { project = substr(tag, 1, i - 1); tfm = substr(tag, i + 18) }
    if (index($0, "warning RS0016: Symbol " q) > 0) {
      print project "\t" tfm "\t" between($0, "warning RS0016: Symbol " q, q " is not part of the declared public API")
    } else if (index($0, "warning RS0017: Symbol " q) > 0 && $0 ~ /PublicAPI\.Shipped\.txt\([0-9]+,[0-9]+\)/) {
      print project "\t" tfm "\t*REMOVED*" between($0, "warning RS0017: Symbol " q, q " is part of the declared API")
    }
  }' "$work/collect.log" | LC_ALL=C sort -u >"$work/findings.tsv"

others="$(grep -oE 'warning RS00[0-9]{2}: .*' "$work/collect.log" | grep -vE 'warning RS001[67]:' | sort -u || true)"
if [[ -n "$others" ]]; then
  echo "update-public-api: the analyzer also reports (fix these in the code, or say why not):" >&2
  echo "$others" >&2
fi

# 3. Write the files: one per project when its frameworks agree, else the common part plus PublicAPI/<tfm>/.
for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  full="$repo/$csproj"
  mapfile -t tfms < <(awk -F'\t' -v p="$full" '$1 == p { print $2 }' "$work/findings.tsv" | LC_ALL=C sort -u)
  if [[ ${#tfms[@]} -eq 0 ]]; then
    echo "update-public-api: $csproj: nothing public beyond PublicAPI.Shipped.txt" >&2
    continue
  fi
  for tfm in "${tfms[@]}"; do
    awk -F'\t' -v p="$full" -v t="$tfm" '$1 == p && $2 == t { print $3 }' "$work/findings.tsv" | LC_ALL=C sort -u >"$work/api.$tfm"
  done
  cp "$work/api.${tfms[0]}" "$work/common"
  for tfm in "${tfms[@]:1}"; do
    LC_ALL=C comm -12 "$work/common" "$work/api.$tfm" >"$work/common.next" && mv "$work/common.next" "$work/common"
  done
  { echo "$header"; cat "$work/common"; } >"$dir/PublicAPI.Unshipped.txt"
  summary="$(wc -l <"$work/common") symbols"
  for tfm in "${tfms[@]}"; do
    LC_ALL=C comm -23 "$work/api.$tfm" "$work/common" >"$work/only.$tfm"
    if [[ -s "$work/only.$tfm" ]]; then
      mkdir -p "$dir/PublicAPI/$tfm"
      [[ -f "$dir/PublicAPI/$tfm/PublicAPI.Shipped.txt" ]] || echo "$header" >"$dir/PublicAPI/$tfm/PublicAPI.Shipped.txt"
      { echo "$header"; cat "$work/only.$tfm"; } >"$dir/PublicAPI/$tfm/PublicAPI.Unshipped.txt"
      summary="$summary, $(wc -l <"$work/only.$tfm") more in $tfm only"
    fi
  done
  # A framework folder left with an empty Shipped file and no Unshipped one is not needed any more.
  for folder in "$dir"/PublicAPI/*/; do
    [[ -d "$folder" && ! -f "$folder/PublicAPI.Unshipped.txt" ]] || continue
    if [[ "$(grep -cv "^$header\$" "$folder/PublicAPI.Shipped.txt" 2>/dev/null || true)" == 0 ]]; then rm -rf "$folder"; fi
  done
  rmdir "$dir/PublicAPI" 2>/dev/null || true
  echo "update-public-api: $csproj: $summary (${tfms[*]})" >&2
done

# 4. The baseline must now hold with warnings as errors, as in every build.
build "$work/verify.log" || { echo "update-public-api: the refreshed baseline does not hold (errors above)" >&2; exit 1; }
echo "update-public-api: OK; review the change with: git diff -- '*PublicAPI*'" >&2
