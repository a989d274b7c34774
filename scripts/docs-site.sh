#!/usr/bin/env bash
# Builds the documentation site with DocFX (docfx.json): the README, the pages under docs/, the changelog and the API
# reference from the packages' XML documentation, into artifacts/docs/site. Fails, with a "docs-site: FAILED" line, on
# any DocFX warning (a broken link or bookmark, a missing file, a project DocFX cannot load), on a public type of a
# package (src/*/PublicAPI.Unshipped.txt) without its API page, on a page of docs/ that was not built, and on a link or
# image in the built site that points at a file the site does not have.
#
#   scripts/docs-site.sh                  # build and check; open artifacts/docs/site/index.html
#   SERVE=1 scripts/docs-site.sh          # then serve it at http://localhost:8080 (docfx serve)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

site=artifacts/docs/site
log=artifacts/docs/docfx.log
started=$SECONDS
fail() { echo "docs-site: FAILED: $*" >&2; exit 1; }
step() { echo "docs-site [$((SECONDS - started)) s]: $*"; }

dotnet tool restore >/dev/null || fail "dotnet tool restore could not get docfx (.config/dotnet-tools.json)"
rm -rf "$site" docs/api
mkdir -p artifacts/docs

# 1. DocFX: the API's YAML from the projects (docs/api, generated, not in git), then the site; warnings are errors.
step "docfx $(dotnet docfx --version | head -n 1): metadata and build, warnings as errors"
if ! dotnet docfx docfx.json --warningsAsErrors >"$log" 2>&1; then
  grep -iE 'warning|error' "$log" >&2 || cat "$log" >&2
  fail "docfx reported the problems above (the whole log: $log)"
fi
warnings="$(grep -i 'warning' "$log" | grep -vE '^ *0 warning\(s\)$' || true)"
[[ -z "$warnings" ]] || { echo "$warnings" >&2; fail "docfx warned (the whole log: $log)"; }

# 2. Every public type of every package has its API page: the types are the lines of the public API baseline that
#    name no member (GradAssert.Tensor<T> is api/GradAssert.Tensor-1.html).
types=0
for baseline in src/*/PublicAPI.Unshipped.txt; do
  while IFS= read -r type; do
    types=$((types + 1))
    arity=""
    if [[ "$type" == *"<"* ]]; then
      parameters="${type#*<}"
      commas="${parameters//[^,]/}"
      arity="-$(( ${#commas} + 1 ))"
    fi
    page="$site/docs/api/${type%%<*}$arity.html"
    [[ -f "$page" ]] || fail "$type (in $baseline) has no API page: expected $page"
  done < <(grep -vE '^#|\(| -> |^(const|static|override|virtual|abstract|sealed|readonly|~|\*REMOVED\*)' "$baseline" || true)
done
[[ "$types" -gt 0 ]] || fail "found no public types in src/*/PublicAPI.Unshipped.txt"
step "$types public types, each with its API page"

# 3. Every Markdown page became an HTML page.
pages=0
for md in README.md CHANGELOG.md CONTRIBUTING.md docs/*.md docs/site/index.md; do
  html="$site/${md%.md}.html"
  [[ "$md" == docs/site/index.md ]] && html="$site/index.html"
  [[ -f "$html" ]] || fail "$md was not built into $html (is it in docfx.json's content?)"
  pages=$((pages + 1))
done
step "$pages Markdown pages built"

# 4. Every local link and image of the built site points at a file it has (DocFX checks the Markdown's own links;
#    this also covers the navigation, the API pages and the template).
broken=0 links=0
while IFS= read -r html; do
  dir="$(dirname "$html")"
  while IFS= read -r target; do
    links=$((links + 1))
    target="${target%%#*}"
    target="${target%%\?*}"
    [[ -z "$target" ]] && continue
    if [[ "$target" == /* ]]; then path="$site$target"; else path="$dir/$target"; fi
    if [[ ! -e "$path" ]]; then echo "docs-site: ${html#"$site"/} links to $target, which the site does not have" >&2; broken=$((broken + 1)); fi
  done < <(grep -oE '(href|src)="[^"]*"' "$html" | sed -E 's/^(href|src)="//; s/"$//' \
             | grep -vE '^(https?:|mailto:|javascript:|data:|#|//)' || true)
done < <(find "$site" -name '*.html')
[[ "$broken" -eq 0 ]] || fail "$broken broken local links in the built site"
step "$links links and images checked in $(find "$site" -name '*.html' | wc -l) HTML files; the site is in $site"

if [[ "${SERVE:-}" == "1" ]]; then dotnet docfx serve "$site" --port 8080; fi
