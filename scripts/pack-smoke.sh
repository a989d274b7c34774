#!/usr/bin/env bash
# Packaging smoke test: packs the packages, checks their metadata (and that every adapter carries the [GradientCheck]
# analyzer), then restores them from a local folder into fresh
# test projects outside the repository, one per framework (xUnit v2, xUnit v3 3.x under `dotnet test`, xUnit v3 4.x as
# a Microsoft Testing Platform executable, NUnit, MSTest), and runs in each the README's snippet for that framework
# (compiled from README.md, so the snippets cannot drift), a check that must fail, and, for xUnit v2, a Shouldly
# assertion; last, a misused [GradientCheck] must fail the xUnit v2 project's build with GA0001.
#
#   scripts/pack-smoke.sh            # exits 0 when everything holds, non-zero with a "pack-smoke: FAILED" line
#   KEEP=1 scripts/pack-smoke.sh     # keeps the temp folder (packages, consumer projects, logs) for a look
#
# The consumer projects live in a temp folder, so the repository's Directory.Build.props and Directory.Packages.props
# do not apply to them: they see the packages exactly as a user would. They get their own NuGet cache (so the packages
# just packed are the ones restored, never an older copy with the same version) and read everything else from the
# machine's NuGet cache as a fallback folder, falling back to nuget.org.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gradassert-pack-smoke.XXXXXX")"
feed="$work/feed"
consumer="$work/consumer"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  echo "pack-smoke: FAILED: $*" >&2
  echo "pack-smoke: the packages, the consumer project and the logs are in $work" >&2
  exit 1
}

cleanup() {
  local rc=$?
  if [[ $rc -eq 0 && "${KEEP:-}" != "1" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

step() { echo "pack-smoke: $*"; }

packages=(GradAssert GradAssert.Xunit GradAssert.Xunit.v3 GradAssert.NUnit GradAssert.MSTest GradAssert.Shouldly)
version="$(dotnet msbuild "$repo/src/GradAssert/GradAssert.csproj" -getProperty:Version)"
[[ -n "$version" ]] || fail "could not read the version from src/GradAssert/GradAssert.csproj"

# The consumers use the same versions of the test packages as the repository.
central_version() {
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props"
}
xunit4_version="$(sed -n 's:.*<GradAssertXunit4Version>\(.*\)</GradAssertXunit4Version>.*:\1:p' "$repo/Directory.Packages.props")"

# 1. Pack.
step "packing ${packages[*]} $version (Release) into $feed"
for id in "${packages[@]}"; do
  dotnet pack "$repo/src/$id/$id.csproj" -c Release -o "$feed" --nologo -v quiet >"$work/pack-$id.log" 2>&1 \
    || { cat "$work/pack-$id.log" >&2; fail "dotnet pack of $id failed"; }
done

# 2. Metadata.
nuspec_value() {  # <file> <element>: the text of the first <element> in the nuspec
  sed -n "s:.*<$2[^>]*>\(.*\)</$2>.*:\1:p" "$1" | head -n 1
}

for id in "${packages[@]}"; do
  nupkg="$feed/$id.$version.nupkg"
  [[ -f "$nupkg" ]] || fail "$nupkg was not produced"
  listing="$(unzip -l "$nupkg")"
  for entry in "$id.nuspec" "README.md" "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    grep -q " $entry\$" <<<"$listing" || fail "$id: $entry is missing from the package"
  done
  if [[ "$id" == "GradAssert.NUnit" ]]; then
    for entry in build/GradAssert.NUnit.targets buildTransitive/GradAssert.NUnit.targets; do
      grep -q " $entry\$" <<<"$listing" || fail "$id: $entry is missing from the package"
    done
  fi
  # The adapters carry the [GradientCheck] analyzer (src/Analyzer.props).
  analyzer=""
  if [[ "$id" == "GradAssert.Xunit" || "$id" == "GradAssert.Xunit.v3" || "$id" == "GradAssert.NUnit" || "$id" == "GradAssert.MSTest" ]]; then
    grep -q " analyzers/dotnet/cs/GradAssert.Analyzers.dll\$" <<<"$listing" \
      || fail "$id: analyzers/dotnet/cs/GradAssert.Analyzers.dll is missing from the package"
    analyzer=", analyzer in analyzers/dotnet/cs"
  fi
  if [[ "$id" == "GradAssert.Xunit.v3" ]]; then
    # The part built against xUnit 4 is a runtime asset only: a 3.x project must never compile against it.
    grep -q " lib/net10.0/GradAssert.Xunit.v3.Xunit4.dll\$" <<<"$listing" || fail "$id: the xUnit 4 part is missing from lib/"
    grep -q " ref/net10.0/GradAssert.Xunit.v3.dll\$" <<<"$listing" || fail "$id: ref/net10.0/GradAssert.Xunit.v3.dll is missing"
    if grep -q " ref/net10.0/GradAssert.Xunit.v3.Xunit4.dll\$" <<<"$listing"; then fail "$id: the xUnit 4 part must not be in ref/"; fi
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
  [[ $(unzip -p "$nupkg" README.md | wc -c) -gt 200 ]] || fail "$id: README.md is (nearly) empty"
  if [[ "$id" != "GradAssert" ]]; then
    grep -q "<dependency id=\"GradAssert\" version=\"$version\"" "$nuspec" \
      || fail "$id: does not depend on GradAssert $version"
  fi
  if [[ "$id" == "GradAssert.Xunit.v3" ]] && grep -Eq '<dependency id="xunit(\.core|\.extensibility\.[a-z]+|\.abstractions)?"' "$nuspec"; then
    fail "$id: depends on an xUnit v2 package, which breaks a v3 project's [Fact]s (CS0433)"
  fi
  if grep -q '<dependency id="GradAssert.Analyzers"' "$nuspec"; then
    fail "$id: depends on GradAssert.Analyzers, which is no package (PrivateAssets=\"all\" in src/Analyzer.props)"
  fi
  step "$id $version: id, version, description, MIT license, README, dll and XML docs present$analyzer"
done

# 3. Fresh consumer projects, outside the repository, one per framework.
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

# A README block: the ```csharp block after the line "<!-- pack-smoke: NAME -->" in README.md (or in the file given).
readme_block() {
  awk -v marker="<!-- pack-smoke: $1 -->" '
    $0 == marker { armed = 1; next }
    armed && /^```csharp/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }' "${2:-$repo/README.md}"
}

package_ref() { echo "    <PackageReference Include=\"$1\" Version=\"$2\" />"; }

# consumer NAME SNIPPET ADAPTER-PACKAGE ADAPTER-NAMESPACE CLASS-ATTRIBUTE RUNNER EXPECTED-PASSES PACKAGES... : writes
# the project (with the README's SNIPPET), builds it, runs it with `dotnet test` or `dotnet run` (RUNNER), and checks
# that the README's tests passed and the planted bug failed with GradAssert's message.
consumer() {
  local name="$1" snippet="$2" adapter="$3" namespace="$4" class_attribute="$5" runner="$6" expected_passed="$7"
  shift 7
  local dir="$work/$name"
  mkdir -p "$dir"
  cp "$work/nuget.config" "$dir/"
  {
    cat <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <IsPackable>false</IsPackable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
EOF
    if [[ "$runner" == run ]]; then
      echo "    <OutputType>Exe</OutputType>"
      echo "    <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>"
    fi
    echo "  </PropertyGroup>"
    echo "  <ItemGroup>"
    package_ref GradAssert "$version"
    package_ref "$adapter" "$version"
    printf '%s\n' "$@"
    echo "  </ItemGroup>"
    echo "</Project>"
  } >"$dir/Consumer.csproj"

  readme_block layer >"$dir/TinyDense.cs"
  readme_block "$snippet" >"$dir/ReadmeSnippet.cs"
  readme_block package "$repo/src/$adapter/README.md" >"$dir/PackageReadmeSnippet.cs"
  [[ -s "$dir/TinyDense.cs" && -s "$dir/ReadmeSnippet.cs" ]] || fail "README.md has no pack-smoke block for the layer or for $snippet"
  [[ -s "$dir/PackageReadmeSnippet.cs" ]] || fail "src/$adapter/README.md has no pack-smoke block"
  if [[ "$snippet" == xunit.v3 ]]; then readme_block "xunit.v3 shapes" >"$dir/ReadmeShapes.cs"; fi
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
  if [[ "$snippet" == xunit ]]; then
    cat >"$dir/ShouldlyChecks.cs" <<'EOF'
using GradAssert;
using GradAssert.Shouldly;
using Xunit;

public class ShouldlyChecks
{
    [Fact]
    public void Tiny_dense_should_pass_gradient_check()
    {
        var dense = new TinyDense<double>(3, 2, seed: 1);
        dense.ShouldPassGradientCheck(new GradientCase(seed: 1).Normal<double>(4, 3));
    }
}
EOF
  fi

  step "$name: restoring $adapter $version from $feed, building and running the tests"
  dotnet build "$dir/Consumer.csproj" --nologo -v quiet >"$dir/build.log" 2>&1 \
    || { cat "$dir/build.log" >&2; fail "$name: the consumer project (README snippets included) does not build"; }
  local trx
  if [[ "$runner" == run ]]; then
    trx="$dir/results/smoke.trx"
    dotnet run --project "$dir/Consumer.csproj" --no-build -- \
      --results-directory "$dir/results" --report-xunit-trx --report-xunit-trx-filename smoke.trx >"$dir/test.log" 2>&1 || true
  else
    trx="$dir/results/smoke.trx"
    dotnet test "$dir/Consumer.csproj" --no-build --nologo \
      --results-directory "$dir/results" --logger "trx;LogFileName=smoke.trx" >"$dir/test.log" 2>&1 || true
  fi
  [[ -f "$trx" ]] || { cat "$dir/test.log" >&2; fail "$name: the test run wrote no TRX file"; }

  local passed failed
  passed=$(grep -o '<UnitTestResult [^>]*outcome="Passed"' "$trx" | wc -l)
  failed=$(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | wc -l)
  [[ "$passed" -eq "$expected_passed" && "$failed" -eq 1 ]] \
    || { cat "$dir/test.log" >&2; fail "$name: expected $expected_passed passing tests and 1 failing, got $passed and $failed"; }
  grep -q "GradientCheck failed: a gradient disagrees with finite differences" "$trx" \
    || { cat "$dir/test.log" >&2; fail "$name: the planted bug did not fail with GradAssert's message"; }
  [[ -d "$NUGET_PACKAGES/gradassert/$version" ]] || fail "$name: GradAssert $version was not restored from the local folder"
  step "$name: $passed passed (the READMEs' snippets), 1 failed as planted"
}

test_sdk="$(package_ref Microsoft.NET.Test.Sdk "$(central_version Microsoft.NET.Test.Sdk)")"
vs_runner="$(package_ref xunit.runner.visualstudio "$(central_version xunit.runner.visualstudio)")"

# Passes expected: the README's check and the package README's (and, for xUnit v2, the Shouldly assertion; for xUnit
# v3, the README's own fact, its generic test for two types and its async test).
consumer xunit xunit GradAssert.Xunit GradAssert.Xunit "" test 3 \
  "$(package_ref GradAssert.Shouldly "$version")" "$test_sdk" "$(package_ref xunit "$(central_version xunit)")" "$vs_runner"
consumer xunit.v3 xunit.v3 GradAssert.Xunit.v3 GradAssert.Xunit.v3 "" test 6 \
  "$test_sdk" "$(package_ref xunit.v3 "$(central_version xunit.v3)")" "$vs_runner"
# xUnit v3 4.x runs GradAssert.Xunit.v3's part built against xUnit 4; here as a Microsoft Testing Platform executable.
consumer xunit.v3-4 xunit.v3 GradAssert.Xunit.v3 GradAssert.Xunit.v3 "" run 6 \
  "$(package_ref xunit.v3 "$xunit4_version")"
consumer nunit nunit GradAssert.NUnit GradAssert.NUnit "" test 2 \
  "$test_sdk" "$(package_ref NUnit "$(central_version NUnit)")" "$(package_ref NUnit3TestAdapter "$(central_version NUnit3TestAdapter)")"
consumer mstest mstest GradAssert.MSTest GradAssert.MSTest "[Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]" test 2 \
  "$test_sdk" "$(package_ref MSTest.TestFramework "$(central_version MSTest.TestFramework)")" \
  "$(package_ref MSTest.TestAdapter "$(central_version MSTest.TestAdapter)")" "$(package_ref MSTest.Analyzers "$(central_version MSTest.TestAdapter)")"

# The analyzer from the package: a misused [GradientCheck] must stop the build with GA0001 (an incremental build of the
# xUnit v2 project, a few seconds).
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
if dotnet build "$work/xunit/Consumer.csproj" --no-restore --nologo >"$work/misuse.log" 2>&1; then
  cat "$work/misuse.log" >&2
  fail "a [GradientCheck] method taking an int built without error: the analyzer did not run"
fi
grep -q "MisusedChecks.cs(8,.*error GA0001: \[GradientCheck\] cannot run 'Takes_an_int'" "$work/misuse.log" \
  || { cat "$work/misuse.log" >&2; fail "the build failed, but not with GA0001 on Takes_an_int"; }
rm "$work/xunit/MisusedChecks.cs"

step "OK: ${#packages[@]} packages with correct metadata; fresh xUnit v2, xUnit v3 (3.x and 4.x), NUnit and MSTest projects restored them, ran the README's snippets and failed the planted bug; a misused [GradientCheck] failed its build with GA0001"
