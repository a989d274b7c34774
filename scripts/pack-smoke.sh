#!/usr/bin/env bash
# Packaging smoke test: packs the packages (Release, as a CI build), checks their metadata (net8.0 and net10.0 in each,
# the analyzer in every adapter, a symbol package whose PDBs carry SourceLink to the packed commit, the repository and
# project URLs), then restores them from a local folder into fresh test projects outside the repository, one per
# framework (xUnit v2, xUnit v3 3.x under `dotnet test`, xUnit v3 4.x as a Microsoft Testing Platform executable, NUnit,
# and MSTest as `dotnet new mstest` writes it, its MSTest version untouched), each targeting net8.0 and net10.0. Every
# C# block of README.md, of docs/*.md and of the package READMEs is either compiled (and its tests run) in those projects or marked
# as a listing; in each project and for each target framework the README's tests pass and a planted bug fails with
# GradAssert's message, the same message on both frameworks, whose replay line, pasted as printed into a shell in the
# project's folder, runs that one case again. With the symbol package's PDB beside GradAssert.dll, the failure's stack
# trace shows GradAssert's files and lines. xUnit v3 3.x also runs under xUnit's own console runner (`dotnet run`
# without Microsoft Testing Platform) and 4.x under `dotnet test` in the SDK's platform mode, each replay line pasted
# again. Last, a misused [GradientCheck] must fail the xUnit v2 project's build with GA0001, and an MSTest project whose
# MSTest.TestFramework and MSTest.TestAdapter differ must fail its build with GA1001. "README.md" below stands for the
# repository's README and the pages under docs/ alike: their C# blocks are compiled the same way, wherever they are.
#
#   scripts/pack-smoke.sh            # exits 0 when everything holds, non-zero with a "pack-smoke: FAILED" line
#   KEEP=1 scripts/pack-smoke.sh     # keeps the temp folder (packages, consumer projects, logs) for a look
#
# The consumer projects live in a temp folder, so the repository's Directory.Build.props and Directory.Packages.props
# do not apply to them: they see the packages exactly as a user would. They get their own NuGet cache (so the packages
# just packed are the ones restored, never an older copy with the same version) and read everything else from the
# machine's NuGet cache as a fallback folder, falling back to nuget.org. A machine without a .NET 8 runtime runs the
# net8.0 builds on the newest runtime it has (DOTNET_ROLL_FORWARD=Major), and says so.
set -euo pipefail
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gradassert-pack-smoke.XXXXXX")"
feed="$work/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  echo "pack-smoke: FAILED: $*" >&2
  echo "pack-smoke: the packages, the consumer projects and the logs are in $work" >&2
  exit 1
}

cleanup() {
  local rc=$?
  if [[ $rc -eq 0 && "${KEEP:-}" != "1" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

started=$SECONDS
step() { echo "pack-smoke [$((SECONDS - started)) s]: $*"; }

packages=(GradAssert GradAssert.Xunit GradAssert.Xunit.v3 GradAssert.NUnit GradAssert.MSTest GradAssert.Shouldly)
adapters=(GradAssert.Xunit GradAssert.Xunit.v3 GradAssert.NUnit GradAssert.MSTest)

# The version, the target frameworks and the repository URL, as the build sees them (Directory.Build.props).
properties="$(dotnet msbuild "$repo/src/GradAssert/GradAssert.csproj" -getProperty:Version -getProperty:TargetFrameworks -getProperty:GradAssertRepositoryUrl)"
property() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" <<<"$properties"; }
version="$(property Version)"
repository_url="$(property GradAssertRepositoryUrl)"
IFS=';' read -r -a tfms <<<"$(property TargetFrameworks)"
[[ -n "$version" && -n "$repository_url" && ${#tfms[@]} -ge 2 ]] \
  || fail "could not read Version, GradAssertRepositoryUrl and TargetFrameworks of src/GradAssert: $properties"
commit="$(git -C "$repo" rev-parse HEAD)"
# SourceLink maps the sources of a CI build (/_/…) to the files of the packed commit on GitHub.
sourcelink="\"/_/*\":\"${repository_url/https:\/\/github.com/https://raw.githubusercontent.com}/$commit/*\""

# The consumers use the same versions of the test packages as the repository.
central_version() {
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props"
}
xunit4_version="$(sed -n 's:.*<GradAssertXunit4Version>\(.*\)</GradAssertXunit4Version>.*:\1:p' "$repo/Directory.Packages.props")"
mstest_template_version="$(sed -n 's:.*<GradAssertMSTestMinimumVersion>\(.*\)</GradAssertMSTestMinimumVersion>.*:\1:p' "$repo/Directory.Packages.props")"

# 1. Every C# block of the READMEs is compiled below (a "<!-- pack-smoke: NAME -->" line right above it, NAME one of
#    those a consumer compiles) or marked "<!-- listing: why not -->": nothing in a README can drift unnoticed.
check_blocks() {  # <file> <names...>
  local file="$1"; shift
  local names=" $* "
  awk -v file="${file#"$repo"/}" -v names="$names" '
    { line = $0; sub(/^[ \t]+/, "", line) }
    line ~ /^<!-- pack-smoke: .* -->$/ {
      name = line; sub(/^<!-- pack-smoke: /, "", name); sub(/ -->$/, "", name)
      if (index(names, " " name " ") == 0) { print file ":" NR ": no consumer compiles the pack-smoke block \"" name "\""; bad = 1 }
      marked = NR; next
    }
    line ~ /^<!-- listing: .+ -->$/ { marked = NR; next }
    line ~ /^```(csharp|cs|c#)[ \t]*$/ && marked != NR - 1 {
      print file ":" NR ": a C# block neither compiled by pack-smoke (<!-- pack-smoke: NAME -->) nor marked <!-- listing: why -->"; bad = 1
    }
    END { exit bad }' "$file"
}
readme_names=(layer quickstart members statements xunit xunit.v3 "xunit.v3 shapes" nunit mstest)
# The README and the documentation pages (docs/*.md): one book, whose blocks may sit on any of its pages.
book=("$repo/README.md" "$repo"/docs/*.md)
for page in "${book[@]}"; do
  check_blocks "$page" "${readme_names[@]}" >"$work/blocks.log" || { cat "$work/blocks.log" >&2; fail "${page#"$repo"/} has C# blocks that can drift"; }
done
check_blocks "$repo/src/GradAssert/README.md" statements >"$work/blocks.log" || { cat "$work/blocks.log" >&2; fail "src/GradAssert/README.md has C# blocks that can drift"; }
check_blocks "$repo/src/GradAssert.Shouldly/README.md" statements >"$work/blocks.log" || { cat "$work/blocks.log" >&2; fail "src/GradAssert.Shouldly/README.md has C# blocks that can drift"; }
for adapter in "${adapters[@]}"; do
  check_blocks "$repo/src/$adapter/README.md" package >"$work/blocks.log" || { cat "$work/blocks.log" >&2; fail "src/$adapter/README.md has C# blocks that can drift"; }
done
step "every C# block of README.md, of docs/*.md (${#book[@]} pages in all) and of the package READMEs is compiled here or marked as a listing"

# 2. Pack, in one build of a solution filter with the six projects (and the xUnit 4 part, which GradAssert.Xunit.v3
#    builds while packing and which must be restored with them). The analyzers (the .NET analyzers, the public API
#    baseline) have their say in every ordinary build; they change nothing in the packages, so the pack skips them.
{
  printf '{ "solution": { "path": "%s", "projects": [' "$repo/GradAssert.sln"
  sep=""
  for id in "${packages[@]}" GradAssert.Xunit.v3.Xunit4; do printf '%s "src\\\\%s\\\\%s.csproj"' "$sep" "$id" "$id"; sep=","; done
  printf ' ] } }\n'
} >"$work/packages.slnf"
step "packing ${packages[*]} $version (Release, ContinuousIntegrationBuild, ${tfms[*]}) into $feed"
dotnet pack "$work/packages.slnf" -c Release -p:PackageOutputPath="$feed" -p:ContinuousIntegrationBuild=true -p:RunAnalyzers=false \
    -tl:off --nologo -v quiet >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log" >&2; fail "dotnet pack failed"; }
if grep -q ': warning ' "$work/pack.log"; then grep ': warning ' "$work/pack.log" | sort -u >&2; fail "dotnet pack warned"; fi

# 3. Metadata, files and symbols.
nuspec_value() {  # <file> <element>: the text of the first <element> in the nuspec
  sed -n "s:.*<$2[^>]*>\(.*\)</$2>.*:\1:p" "$1" | head -n 1
}
has_entry() { grep -q " $2\$" <<<"$1"; }
pdb_has_sourcelink() {  # <snupkg> <pdb path in it>
  unzip -p "$1" "$2" | grep -a -F "$sourcelink" >/dev/null   # not -q: an early exit would fail the pipe
}

for id in "${packages[@]}"; do
  nupkg="$feed/$id.$version.nupkg"
  snupkg="$feed/$id.$version.snupkg"
  [[ -f "$nupkg" ]] || fail "$nupkg was not produced"
  [[ -f "$snupkg" ]] || fail "$id: no symbol package ($id.$version.snupkg)"
  listing="$(unzip -l "$nupkg")"
  symbols="$(unzip -l "$snupkg")"
  for entry in "$id.nuspec" "README.md"; do has_entry "$listing" "$entry" || fail "$id: $entry is missing from the package"; done
  assemblies=("$id")
  [[ "$id" == GradAssert.Xunit.v3 ]] && assemblies+=(GradAssert.Xunit.v3.Xunit4)
  for tfm in "${tfms[@]}"; do
    for entry in "lib/$tfm/$id.dll" "lib/$tfm/$id.xml"; do has_entry "$listing" "$entry" || fail "$id: $entry is missing from the package"; done
    for assembly in "${assemblies[@]}"; do
      has_entry "$symbols" "lib/$tfm/$assembly.pdb" || fail "$id: lib/$tfm/$assembly.pdb is missing from the symbol package"
      pdb_has_sourcelink "$snupkg" "lib/$tfm/$assembly.pdb" || fail "$id: lib/$tfm/$assembly.pdb has no SourceLink to $commit ($sourcelink)"
    done
    if [[ "$id" == GradAssert.Xunit.v3 ]]; then
      # The part built against xUnit 4 is a runtime asset only: a 3.x project must never compile against it.
      has_entry "$listing" "lib/$tfm/GradAssert.Xunit.v3.Xunit4.dll" || fail "$id: the xUnit 4 part is missing from lib/$tfm"
      has_entry "$listing" "ref/$tfm/GradAssert.Xunit.v3.dll" || fail "$id: ref/$tfm/GradAssert.Xunit.v3.dll is missing"
      if has_entry "$listing" "ref/$tfm/GradAssert.Xunit.v3.Xunit4.dll"; then fail "$id: the xUnit 4 part must not be in ref/$tfm"; fi
    fi
  done
  if grep -Eq ' lib/[^/]+/[^ ]*\.pdb$' <<<"$listing"; then fail "$id: a PDB in the package itself (it belongs in the .snupkg)"; fi
  if [[ "$id" == "GradAssert.NUnit" || "$id" == "GradAssert.MSTest" ]]; then
    for entry in "build/$id.targets" "buildTransitive/$id.targets"; do
      has_entry "$listing" "$entry" || fail "$id: $entry is missing from the package"
    done
  fi
  # The adapters carry the [GradientCheck] analyzer (src/Analyzer.props), once.
  analyzer=""
  if [[ " ${adapters[*]} " == *" $id "* ]]; then
    [[ $(grep -c ' analyzers/dotnet/cs/GradAssert.Analyzers.dll$' <<<"$listing") -eq 1 ]] \
      || fail "$id: analyzers/dotnet/cs/GradAssert.Analyzers.dll is missing from the package"
    analyzer=", analyzer"
  fi

  nuspec="$work/$id.nuspec"
  unzip -p "$nupkg" "$id.nuspec" >"$nuspec"
  [[ "$(nuspec_value "$nuspec" id)" == "$id" ]] || fail "$id: nuspec <id> is '$(nuspec_value "$nuspec" id)'"
  [[ "$(nuspec_value "$nuspec" version)" == "$version" ]] || fail "$id: nuspec <version> is '$(nuspec_value "$nuspec" version)', expected $version"
  description="$(nuspec_value "$nuspec" description)"
  [[ -n "$description" && "$description" != "Package Description" ]] || fail "$id: no description (set <Description> in the csproj)"
  [[ "$(nuspec_value "$nuspec" license)" == "MIT" ]] || fail "$id: license is '$(nuspec_value "$nuspec" license)', expected the MIT expression"
  [[ "$(nuspec_value "$nuspec" readme)" == "README.md" ]] || fail "$id: nuspec has no <readme>README.md</readme>"
  [[ -n "$(nuspec_value "$nuspec" authors)" ]] || fail "$id: no authors"
  [[ "$(nuspec_value "$nuspec" projectUrl)" == "$repository_url" ]] || fail "$id: <projectUrl> is '$(nuspec_value "$nuspec" projectUrl)', expected $repository_url"
  grep -Eq "<repository type=\"git\" url=\"$repository_url\"( [a-z]+=\"[^\"]*\")* commit=\"$commit\"" "$nuspec" \
    || fail "$id: no <repository type=\"git\" url=\"$repository_url\" … commit=\"$commit\"> in the nuspec: $(grep '<repository' "$nuspec")"
  [[ $(unzip -p "$nupkg" README.md | wc -c) -gt 200 ]] || fail "$id: README.md is (nearly) empty"
  for tfm in "${tfms[@]}"; do
    grep -q "<group targetFramework=\"$tfm\"" "$nuspec" || fail "$id: no dependency group for $tfm"
  done
  if [[ "$id" != "GradAssert" ]]; then
    [[ $(grep -c "<dependency id=\"GradAssert\" version=\"$version\"" "$nuspec") -eq ${#tfms[@]} ]] \
      || fail "$id: does not depend on GradAssert $version for each of ${tfms[*]}"
  fi
  if [[ "$id" == "GradAssert.MSTest" ]]; then
    # The version `dotnet new mstest` writes: a higher one would raise the template's MSTest.TestFramework above its
    # MSTest.TestAdapter, and MSTest would then find no test at all.
    [[ $(grep -c "<dependency id=\"MSTest.TestFramework\" version=\"$mstest_template_version\"" "$nuspec") -eq ${#tfms[@]} ]] \
      || fail "$id: does not depend on MSTest.TestFramework $mstest_template_version (the template's) for each of ${tfms[*]}: $(grep 'MSTest' "$nuspec")"
  fi
  if [[ "$id" == "GradAssert.Xunit.v3" ]] && grep -Eq '<dependency id="xunit(\.core|\.extensibility\.[a-z]+|\.abstractions)?"' "$nuspec"; then
    fail "$id: depends on an xUnit v2 package, which breaks a v3 project's [Fact]s (CS0433)"
  fi
  if grep -q '<dependency id="GradAssert.Analyzers"' "$nuspec"; then
    fail "$id: depends on GradAssert.Analyzers, which is no package (PrivateAssets=\"all\" in src/Analyzer.props)"
  fi
  step "$id $version: ${tfms[*]}, XML docs, README, MIT, projectUrl, repository commit ${commit:0:12}, .snupkg with SourceLink$analyzer"
done

# 4. Fresh consumer projects, outside the repository, one per framework, each for every target framework.
mkdir -p "$work/nuget-cache"
fallback=""
machine_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
# The machine's cache saves downloads, unless it holds GradAssert packages that could shadow the ones just packed.
if [[ -d "$machine_cache" ]] && ! ls -d "$machine_cache"/gradassert* >/dev/null 2>&1; then
  fallback="<fallbackPackageFolders><clear /><add key=\"machine\" value=\"$machine_cache\" /></fallbackPackageFolders>"
fi

cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  $fallback
</configuration>
EOF
export NUGET_PACKAGES="$work/nuget-cache"

# Runs a command for one target framework: on a machine without that runtime, on the newest one (roll forward).
runtimes="$(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([0-9]*\.[0-9]*\)\..*/\1/p' | sort -u)"
has_runtime() { grep -qx "${1#net}" <<<"$runtimes"; }
run_for() {  # <tfm> <command...>
  local tfm="$1"; shift
  if has_runtime "$tfm"; then "$@"; else DOTNET_ROLL_FORWARD=Major "$@"; fi
}
for tfm in "${tfms[@]}"; do
  has_runtime "$tfm" \
    || step "no .NET ${tfm#net} runtime here (only $(echo $runtimes)): the $tfm builds run on the newest one (DOTNET_ROLL_FORWARD=Major)"
done

# The ```csharp blocks after the line "<!-- pack-smoke: NAME -->" in a README, each into <prefix>.<n>.cs, starting with a
# #line directive so a compile error names the README's own line; prints how many.
readme_blocks() {  # <name> <readme> <prefix>
  awk -v marker="<!-- pack-smoke: $1 -->" -v readme="$2" -v prefix="$3" '
    $0 == marker { armed = 1; next }
    armed && /^```csharp/ { inside = 1; armed = 0; n++; out = prefix "." n ".cs"; printf "#line %d \"%s\"\n", NR + 1, readme > out; next }
    inside && /^```/ { inside = 0; close(out); next }
    inside { print > out }
    { armed = 0 }
    END { print n + 0 }' "$2"
}
readme_block() {  # <name> <readme> <file>: the one block of that name, as a whole file
  local n
  n="$(readme_blocks "$1" "$2" "${3%.cs}.part")"
  [[ "$n" -eq 1 ]] || fail "${2#"$repo"/} has $n pack-smoke blocks named \"$1\", expected one"
  mv "${3%.cs}.part.1.cs" "$3"
}
book_block() {  # <name> <file>: the one block of that name in the README and docs/*.md together, as a whole file
  local page n total=0 found=""
  for page in "${book[@]}"; do
    n="$(readme_blocks "$1" "$page" "${2%.cs}.part")"
    if [[ "$n" -gt 0 ]]; then total=$((total + n)); found="$found ${page#"$repo"/}"; mv "${2%.cs}.part.1.cs" "$2"; fi
  done
  rm -f "${2%.cs}".part.*.cs
  [[ "$total" -eq 1 ]] || fail "the README and docs/*.md have $total pack-smoke blocks named \"$1\" (in:${found:- none}), expected one"
}
# Fragments: "members" (methods of a test class) and "statements" (a method body, its using lines first), wrapped so
# they compile and run as tests of the xUnit v2 consumer. Prints how many tests they add.
wrap_fragments() {  # <dir> <readme...>
  local dir="$1"; shift
  local readme n i count=0 tests=""
  for readme in "$@"; do
    n="$(readme_blocks members "$readme" "$dir/members.part")"
    for ((i = 1; i <= n; i++)); do
      count=$((count + 1))
      { echo "using GradAssert;"; echo "using GradAssert.Xunit;"; echo "public class ReadmeMembers$count"; echo "{";
        cat "$dir/members.part.$i.cs"; echo "#line default"; echo "}"; } >"$dir/ReadmeMembers$count.cs"
    done
    n="$(readme_blocks statements "$readme" "$dir/statements.part")"
    for ((i = 1; i <= n; i++)); do
      count=$((count + 1))
      # The block's leading using lines go above the class; the #line directive moves to its first statement.
      awk -v class="ReadmeStatements$count" '
        NR == 1 { line = $2; file = $3; next }
        !started && (/^using [A-Za-z.]+;$/ || /^[ \t]*$/) { if ($0 != "") usings = usings $0 "\n"; next }
        !started { started = 1; body = "#line " (line + NR - 2) " " file "\n" }
        { body = body $0 "\n" }
        END {
          printf "%s", usings
          printf "public static class %s\n{\n    public static void Run()\n    {\n%s#line default\n    }\n}\n", class, body
        }' "$dir/statements.part.$i.cs" >"$dir/ReadmeStatements$count.cs"
      tests="$tests    [Xunit.Fact] public void Statements_$count() => ReadmeStatements$count.Run();"$'\n'
    done
  done
  printf 'public class ReadmeStatementsRun\n{\n%s}\n' "$tests" >"$dir/ReadmeStatementsRun.cs"
  rm -f "$dir"/*.part.*.cs
  echo "$count"
}

package_ref() { echo "    <PackageReference Include=\"$1\" Version=\"$2\" />"; }

trx_message() {  # <trx>: the message of the failing test, with its target framework written as TFM
  tr '\n' '\001' <"$1" | sed -n 's:.*<ErrorInfo>[^<]*<Message>\([^<]*\)</Message>.*:\1:p' | tr '\001' '\n' \
    | sed 's/net[0-9][0-9]*\.[0-9]/TFM/g'
}

# The lines of a failure message, from a TRX file or a console log: the first (the headline) and the replay shell line.
trx_text() {  # <trx>: the failing test's message, XML entities decoded
  tr '\n' '\001' <"$1" | sed -n 's:.*<ErrorInfo>[^<]*<Message>\([^<]*\)</Message>.*:\1:p' | tr '\001' '\n' \
    | sed "s/&lt;/</g; s/&gt;/>/g; s/&quot;/\"/g; s/&apos;/'/g; s/&amp;/\\&/g"
}
headline_of() { tr -d '\r' | grep -o 'GradientCheck failed: .*' | head -n 1; }
replay_line_of() { tr -d '\r' | grep -o 'GRADASSERT_REPLAY=.*' | head -n 1; }

# paste_replay NAME DIR LINE EXPECTED-COMMAND HEADLINE RUNS TFM: the replay line must be the runner's command, hold no
# quote or backslash (xUnit's TRX writes them as \" and \\), and, pasted as printed into a shell in the project's
# folder, run the planted bug's case again: RUNS failures (one per target framework it runs), each replaying that case.
paste_replay() {
  local name="$1" dir="$2" line="$3" expected="$4" headline="$5" runs="$6" tfm="$7" log
  [[ "$line" == "GRADASSERT_REPLAY="*" $expected" ]] || fail "$name: the replay line is '$line', expected GRADASSERT_REPLAY=… $expected"
  [[ "$line" != *[\"\\]* ]] || fail "$name: the replay line '$line' holds a quote or a backslash"
  log="$dir/replay-$(tr -c 'A-Za-z0-9\n' '-' <<<"$expected" | head -c 60).log"
  (cd "$dir" && run_for "$tfm" bash -c "$line") >"$log" 2>&1 || true
  [[ $(grep -c '(GRADASSERT_REPLAY); replayed this one case\.' "$log") -ge "$runs" ]] \
    || { cat "$log" >&2; fail "$name: '$line', pasted in $dir, did not replay the planted bug's case $runs time(s)"; }
  grep -qF "$headline" "$log" || { cat "$log" >&2; fail "$name: '$line' failed, but not with the case it names ($headline)"; }
  step "$name: pasted as printed, '$line' replayed the planted bug's case"
}

# consumer NAME SNIPPET ADAPTER-PACKAGE ADAPTER-NAMESPACE CLASS-ATTRIBUTE RUNNER EXPECTED-PASSES PACKAGES... : writes
# the project (README snippets included), builds it for every target framework, runs it with `dotnet test` or
# `dotnet run` (RUNNER), and checks for each framework that the README's tests passed and the planted bug failed with
# GradAssert's message, the same on every framework, and that its replay line replays it. With TEMPLATE set, the
# project is the one `dotnet new TEMPLATE` writes, its package versions untouched, with GradAssert's packages added
# and the target frameworks (and warnings as errors) set; its own tests count among the passes.
consumer() {
  local name="$1" snippet="$2" adapter="$3" namespace="$4" class_attribute="$5" runner="$6" expected_passed="$7"
  shift 7
  local dir="$work/$name" tfm
  mkdir -p "$dir"
  cp "$work/nuget.config" "$dir/"
  if [[ -n "${TEMPLATE:-}" ]]; then
    dotnet new "$TEMPLATE" -o "$dir" -n Consumer --no-restore >"$dir/new.log" 2>&1 || { cat "$dir/new.log" >&2; fail "$name: dotnet new $TEMPLATE failed"; }
    sed -i "s:<TargetFramework>[^<]*</TargetFramework>:<TargetFrameworks>$(IFS=';'; echo "${tfms[*]}")</TargetFrameworks><TreatWarningsAsErrors>true</TreatWarningsAsErrors>:" "$dir/Consumer.csproj"
    grep -q '<PackageReference Include="MSTest" Version="'"$mstest_template_version"'" />' "$dir/Consumer.csproj" \
      || { cat "$dir/Consumer.csproj" >&2; fail "$name: dotnet new $TEMPLATE no longer writes MSTest $mstest_template_version (GradAssertMSTestMinimumVersion in Directory.Packages.props): check GradAssert.MSTest against the template's version"; }
    sed -i "s:^\( *\)<PackageReference Include=\"MSTest\" .*$:&\n\1<PackageReference Include=\"GradAssert\" Version=\"$version\" />\n\1<PackageReference Include=\"$adapter\" Version=\"$version\" />:" "$dir/Consumer.csproj"
  else
  {
    cat <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>$(IFS=';'; echo "${tfms[*]}")</TargetFrameworks>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <IsPackable>false</IsPackable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
EOF
    # xUnit v3 test projects are executables (as xUnit's template says in the project file, so that the first
    # restore already fetches the app host of each target framework).
    if [[ "$snippet" == xunit.v3 ]]; then echo "    <OutputType>Exe</OutputType>"; fi
    if [[ "$runner" == run ]]; then echo "    <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>"; fi
    echo "  </PropertyGroup>"
    echo "  <ItemGroup>"
    package_ref GradAssert "$version"
    package_ref "$adapter" "$version"
    printf '%s\n' "$@"
    echo "  </ItemGroup>"
    echo "</Project>"
  } >"$dir/Consumer.csproj"
  fi

  book_block layer "$dir/TinyDense.cs"
  book_block "$snippet" "$dir/ReadmeSnippet.cs"
  readme_block package "$repo/src/$adapter/README.md" "$dir/PackageReadmeSnippet.cs"
  if [[ "$snippet" == xunit.v3 ]]; then book_block "xunit.v3 shapes" "$dir/ReadmeShapes.cs"; fi
  if [[ "$snippet" == xunit ]]; then
    book_block quickstart "$dir/ReadmeQuickStart.cs"
    wrap_fragments "$dir" "${book[@]}" "$repo/src/GradAssert/README.md" "$repo/src/GradAssert.Shouldly/README.md" >/dev/null
  fi
  cat >"$dir/PlantedBug.cs" <<EOF
using System.Numerics;
using GradAssert;
using $namespace;

/// <summary>TinyDense with its input gradient doubled: must fail.</summary>
public sealed class DoubledInputGradient<T>(ILayer<T> inner) : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "Doubled";
    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;
    public Tensor<T> Forward(Tensor<T> input) => inner.Forward(input);
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var dx = inner.Backward(outputGradient)!;
        for (int i = 0; i < dx.Length; i++) dx.Data[i] += dx.Data[i];
        return dx;
    }
}

$class_attribute
public class PlantedBugChecks
{
    [GradientCheck(Cases = 3)]
    public void Planted_bug_fails(GradientCase c)
    {
        var dense = new DoubledInputGradient<double>(new TinyDense<double>(2, 2, c.Seed));
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 3), 2));
    }
}
EOF

  step "$name: restoring $adapter $version from the feed, building for ${tfms[*]} and running the tests"
  dotnet build "$dir/Consumer.csproj" -tl:off --nologo -v quiet >"$dir/build.log" 2>&1 \
    || { grep -E ': (error|warning) ' "$dir/build.log" | sort -u >&2; fail "$name: the consumer project (README snippets included) does not build"; }
  [[ -d "$NUGET_PACKAGES/gradassert/$version" ]] || fail "$name: GradAssert $version was not restored from the local folder"
  if [[ "$snippet" == xunit ]]; then
    # The symbol package's PDB beside GradAssert.dll, as a debugger's symbol server would supply it: the failure's
    # stack trace must then show GradAssert's source files and lines.
    for tfm in "${tfms[@]}"; do
      unzip -o -j -q "$feed/GradAssert.$version.snupkg" "lib/$tfm/GradAssert.pdb" -d "$dir/bin/Debug/$tfm"
    done
  fi

  local trx passed failed message reference=""
  for tfm in "${tfms[@]}"; do
    trx="$dir/results/smoke-$tfm.trx"
    if [[ "$runner" == run ]]; then
      run_for "$tfm" dotnet run --project "$dir/Consumer.csproj" --no-build --framework "$tfm" -- \
        --results-directory "$dir/results" --report-xunit-trx --report-xunit-trx-filename "smoke-$tfm.trx" >"$dir/test-$tfm.log" 2>&1 || true
    else
      run_for "$tfm" dotnet test "$dir/Consumer.csproj" --no-build --nologo --framework "$tfm" \
        --results-directory "$dir/results" --logger "trx;LogFileName=smoke-$tfm.trx" >"$dir/test-$tfm.log" 2>&1 || true
    fi
    [[ -f "$trx" ]] || { cat "$dir/test-$tfm.log" >&2; fail "$name ($tfm): the test run wrote no TRX file"; }
    passed=$(grep -o '<UnitTestResult [^>]*outcome="Passed"' "$trx" | wc -l)
    failed=$(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | wc -l)
    [[ "$passed" -eq "$expected_passed" && "$failed" -eq 1 ]] \
      || { cat "$dir/test-$tfm.log" >&2; fail "$name ($tfm): expected $expected_passed passing tests and 1 failing, got $passed and $failed"; }
    grep -Eq "GradientCheck failed: a gradient disagrees with (finite differences|its exact derivatives)" "$trx" \
      || { cat "$dir/test-$tfm.log" >&2; fail "$name ($tfm): the planted bug did not fail with GradAssert's message"; }
    if [[ "$snippet" == xunit ]]; then
      grep -Eq 'in /_/src/GradAssert/[A-Za-z/]+\.cs:line [0-9]+' "$trx" \
        || { cat "$dir/test-$tfm.log" >&2; fail "$name ($tfm): with the symbol package's PDB, the stack trace shows no GradAssert file and line"; }
    fi
    message="$(trx_message "$trx")"
    [[ -n "$message" ]] || fail "$name ($tfm): no failure message in $trx"
    if [[ -z "$reference" ]]; then
      reference="$message"
    elif [[ "$message" != "$reference" ]]; then
      diff <(echo "$reference") <(echo "$message") >&2 || true
      fail "$name: the planted bug's message differs between ${tfms[0]} and $tfm"
    fi
  done
  local passes="the READMEs' snippets"
  [[ -z "${TEMPLATE:-}" ]] || passes="$passes and the template's own test"
  step "$name: on each of ${tfms[*]}, $expected_passed passed ($passes), 1 failed as planted, the same message"

  # The replay line of each framework's failure, pasted as printed: `dotnet test` runs every target framework at once,
  # `dotnet run` the one its line names.
  local line headline
  for tfm in "${tfms[@]}"; do
    line="$(trx_text "$dir/results/smoke-$tfm.trx" | replay_line_of)"
    headline="$(trx_text "$dir/results/smoke-$tfm.trx" | headline_of)"
    if [[ "$runner" == run ]]; then
      paste_replay "$name ($tfm)" "$dir" "$line" "dotnet run --framework $tfm -- --filter-method PlantedBugChecks.Planted_bug_fails" "$headline" 1 "$tfm"
    elif [[ "$tfm" == "${tfms[0]}" ]]; then
      paste_replay "$name" "$dir" "$line" "dotnet test --filter FullyQualifiedName=PlantedBugChecks.Planted_bug_fails" "$headline" "${#tfms[@]}" "$tfm"
    fi
  done
}

test_sdk="$(package_ref Microsoft.NET.Test.Sdk "$(central_version Microsoft.NET.Test.Sdk)")"
vs_runner="$(package_ref xunit.runner.visualstudio "$(central_version xunit.runner.visualstudio)")"

# Passes expected: the README's check and the package README's; for xUnit v2 also the quick start's test and
# the README's fragments (members and statements, one test each); for xUnit v3, the README's own fact, its generic test
# for two types and its async test.
fragments="$(wrap_fragments "$(mktemp -d "$work/count.XXXX")" "${book[@]}" "$repo/src/GradAssert/README.md" "$repo/src/GradAssert.Shouldly/README.md")"
consumer xunit xunit GradAssert.Xunit GradAssert.Xunit "" test $((3 + fragments)) \
  "$(package_ref GradAssert.Shouldly "$version")" "$test_sdk" "$(package_ref xunit "$(central_version xunit)")" "$vs_runner"
consumer xunit.v3 xunit.v3 GradAssert.Xunit.v3 GradAssert.Xunit.v3 "" test 7 \
  "$test_sdk" "$(package_ref xunit.v3 "$(central_version xunit.v3)")" "$vs_runner"
# The same 3.x project under `dotnet run` without Microsoft Testing Platform: xUnit's own console runner, whose filter
# the replay line must then use.
(cd "$work/xunit.v3" && run_for "${tfms[-1]}" dotnet run --no-build --framework "${tfms[-1]}") >"$work/xunit.v3/console.log" 2>&1 || true
paste_replay "xunit.v3 (xUnit's console runner)" "$work/xunit.v3" "$(replay_line_of <"$work/xunit.v3/console.log")" \
  "dotnet run --framework ${tfms[-1]} -- -method PlantedBugChecks.Planted_bug_fails" "$(headline_of <"$work/xunit.v3/console.log")" 1 "${tfms[-1]}"
# xUnit v3 4.x runs GradAssert.Xunit.v3's part built against xUnit 4; here as a Microsoft Testing Platform executable,
# with warnings as errors (xunit.v3 4.x's analyzers would warn xUnit1069 on the package README's Timeout test).
consumer xunit.v3-4 xunit.v3 GradAssert.Xunit.v3 GradAssert.Xunit.v3 "" run 7 \
  "$(package_ref xunit.v3 "$xunit4_version")"
# And under `dotnet test` in the .NET 10 SDK's mode for the platform (a global.json says so), as a 4.x project runs it.
printf '{ "test": { "runner": "Microsoft.Testing.Platform" } }\n' >"$work/xunit.v3-4/global.json"
(cd "$work/xunit.v3-4" && run_for "${tfms[0]}" dotnet test --no-build) >"$work/xunit.v3-4/dotnet-test.log" 2>&1 || true
paste_replay "xunit.v3-4 (dotnet test, platform mode)" "$work/xunit.v3-4" "$(replay_line_of <"$work/xunit.v3-4/dotnet-test.log")" \
  "dotnet test --filter-method PlantedBugChecks.Planted_bug_fails" "$(headline_of <"$work/xunit.v3-4/dotnet-test.log")" "${#tfms[@]}" "${tfms[0]}"
rm "$work/xunit.v3-4/global.json"
consumer nunit nunit GradAssert.NUnit GradAssert.NUnit "" test 2 \
  "$test_sdk" "$(package_ref NUnit "$(central_version NUnit)")" "$(package_ref NUnit3TestAdapter "$(central_version NUnit3TestAdapter)")"
# MSTest exactly as `dotnet new mstest` writes it (the MSTest package at the template's version, with its analyzers):
# adding GradAssert.MSTest must leave MSTest.TestFramework and MSTest.TestAdapter at one version, or MSTest finds no
# test at all. Passes: the README's check, the package README's and the template's own test.
TEMPLATE=mstest consumer mstest mstest GradAssert.MSTest GradAssert.MSTest "[Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]" test 3

# 6. The same MSTest project with MSTest.TestFramework raised above its MSTest.TestAdapter: GradAssert.MSTest must stop
#    the build (GA1001) instead of letting `dotnet test` pass having found no test.
step "building the MSTest consumer with MSTest.TestFramework $(central_version MSTest.TestFramework) over the template's MSTest.TestAdapter $mstest_template_version: expecting GA1001"
cp -r "$work/mstest" "$work/mstest-split"
rm -rf "$work/mstest-split/bin" "$work/mstest-split/obj" "$work/mstest-split/results"
sed -i "s:^\( *\)<PackageReference Include=\"MSTest\" .*$:&\n\1<PackageReference Include=\"MSTest.TestFramework\" Version=\"$(central_version MSTest.TestFramework)\" />:" "$work/mstest-split/Consumer.csproj"
if dotnet build "$work/mstest-split/Consumer.csproj" --framework "${tfms[-1]}" -tl:off --nologo >"$work/mstest-split.log" 2>&1; then
  cat "$work/mstest-split.log" >&2
  fail "an MSTest project with MSTest.TestFramework $(central_version MSTest.TestFramework) and MSTest.TestAdapter $mstest_template_version built without error"
fi
grep -q "error GA1001: This project gets MSTest.TestFramework $(central_version MSTest.TestFramework) but MSTest.TestAdapter $mstest_template_version: .*<PackageReference Include=\"MSTest\" Version=\"$(central_version MSTest.TestFramework)\" />" "$work/mstest-split.log" \
  || { cat "$work/mstest-split.log" >&2; fail "the split MSTest build failed, but not with GA1001 naming both versions and the fix"; }

# 7. The analyzer from the package: a misused [GradientCheck] must stop the build with GA0001 (an incremental build of
#    the xUnit v2 project for one framework, a few seconds).
step "building the xUnit v2 consumer with a misused [GradientCheck]: expecting GA0001"
cat >"$work/xunit/MisusedChecks.cs" <<'MISUSE'
using GradAssert.Xunit;

namespace Consumer.Tests;

public class MisusedChecks
{
    [GradientCheck]
    public void Takes_an_int(int batch) => GC.KeepAlive(batch);
}
MISUSE
if dotnet build "$work/xunit/Consumer.csproj" --framework "${tfms[-1]}" --no-restore -tl:off --nologo >"$work/misuse.log" 2>&1; then
  cat "$work/misuse.log" >&2
  fail "a [GradientCheck] method taking an int built without error: the analyzer did not run"
fi
grep -q "MisusedChecks.cs(8,.*error GA0001: \[GradientCheck\] cannot run 'Takes_an_int'" "$work/misuse.log" \
  || { cat "$work/misuse.log" >&2; fail "the build failed, but not with GA0001 on Takes_an_int"; }
rm "$work/xunit/MisusedChecks.cs"

step "OK: ${#packages[@]} packages for ${tfms[*]} with correct metadata, symbols and SourceLink; fresh xUnit v2, xUnit v3 (3.x and 4.x), NUnit and MSTest (dotnet new mstest) projects restored them and, on each framework, ran the READMEs' snippets and failed the planted bug, whose replay line replayed it under each runner; a misused [GradientCheck] failed its build with GA0001, a split MSTest with GA1001"
