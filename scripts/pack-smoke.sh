#!/usr/bin/env bash
# Packaging smoke test: packs the four packages, checks their metadata (and that both adapters carry the analyzer),
# then restores them from a local folder into a fresh xUnit project outside the repository, runs one [GradientCheck]
# test and one Shouldly assertion there, and checks that a misused [GradientCheck] fails that project's build (GA0001).
#
#   scripts/pack-smoke.sh            # exits 0 when everything holds, non-zero with a "pack-smoke: FAILED" line
#   KEEP=1 scripts/pack-smoke.sh     # keeps the temp folder (packages, consumer project, logs) for a look
#
# The consumer project lives in a temp folder, so the repository's Directory.Build.props and Directory.Packages.props
# do not apply to it: it sees the packages exactly as a user would. It gets its own NuGet cache (so the packages
# just packed are the ones restored, never an older copy with the same version) and reads everything else from the
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

packages=(GradAssert GradAssert.Xunit GradAssert.NUnit GradAssert.Shouldly)
version="$(dotnet msbuild "$repo/src/GradAssert/GradAssert.csproj" -getProperty:Version)"
[[ -n "$version" ]] || fail "could not read the version from src/GradAssert/GradAssert.csproj"

# The consumer uses the same versions of the test packages as the repository.
central_version() {
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props"
}

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
  # The adapters carry the [GradientCheck] analyzer (src/Analyzer.props).
  analyzer=""
  if [[ "$id" == "GradAssert.Xunit" || "$id" == "GradAssert.NUnit" ]]; then
    grep -q " analyzers/dotnet/cs/GradAssert.Analyzers.dll\$" <<<"$listing" \
      || fail "$id: analyzers/dotnet/cs/GradAssert.Analyzers.dll is missing from the package"
    analyzer=", analyzer in analyzers/dotnet/cs"
  fi
  if [[ "$id" == "GradAssert.NUnit" ]]; then
    for entry in build/GradAssert.NUnit.targets buildTransitive/GradAssert.NUnit.targets; do
      grep -q " $entry\$" <<<"$listing" || fail "$id: $entry is missing from the package"
    done
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
  if grep -q '<dependency id="GradAssert.Analyzers"' "$nuspec"; then
    fail "$id: depends on GradAssert.Analyzers, which is no package (PrivateAssets=\"all\" in src/Analyzer.props)"
  fi
  step "$id $version: id, version, description, MIT license, README, dll and XML docs present$analyzer"
done

# 3. A fresh consumer project, outside the repository.
step "creating a fresh xUnit project in $consumer"
mkdir -p "$consumer" "$work/nuget-cache"
fallback=""
machine_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
# The machine's cache saves downloads, unless it holds GradAssert packages that could shadow the ones just packed.
if [[ -d "$machine_cache" ]] && ! ls -d "$machine_cache"/gradassert* >/dev/null 2>&1; then
  fallback="<fallbackPackageFolders><clear /><add key=\"machine\" value=\"$machine_cache\" /></fallbackPackageFolders>"
fi

cat >"$consumer/nuget.config" <<EOF
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

cat >"$consumer/Consumer.Tests.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <IsPackable>false</IsPackable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="GradAssert" Version="$version" />
    <PackageReference Include="GradAssert.Xunit" Version="$version" />
    <PackageReference Include="GradAssert.Shouldly" Version="$version" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(central_version Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="xunit" Version="$(central_version xunit)" />
    <PackageReference Include="xunit.runner.visualstudio" Version="$(central_version xunit.runner.visualstudio)" />
  </ItemGroup>
</Project>
EOF

cat >"$consumer/TinyDenseTests.cs" <<'EOF'
using GradAssert;
using GradAssert.Shouldly;
using GradAssert.Xunit;
using Xunit;

namespace Consumer.Tests;

/// <summary>y = x·W + b: x [batch, in], W [in, out], b [out].</summary>
public sealed class TinyDense : ILayer<double>
{
    private Tensor<double>? _x;

    public TinyDense(int inputs, int outputs, int seed)
    {
        var random = new Random(seed);
        Inputs = inputs;
        W = new Parameter<double>("W", new Tensor<double>([inputs, outputs], [.. Enumerable.Range(0, inputs * outputs).Select(_ => random.NextDouble() - 0.5)]));
        B = new Parameter<double>("b", new Tensor<double>([outputs], [.. Enumerable.Range(0, outputs).Select(_ => random.NextDouble() - 0.5)]));
    }

    public int Inputs { get; }
    public Parameter<double> W { get; }
    public Parameter<double> B { get; }
    public IReadOnlyList<Parameter<double>> Parameters => [W, B];

    public Tensor<double> Forward(Tensor<double> x)
    {
        _x = x.Clone();
        int batch = x.Shape[0], outputs = B.Value.Length;
        var y = new Tensor<double>(batch, outputs);
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < outputs; j++)
            {
                y[n, j] = B.Value[j];
                for (int i = 0; i < Inputs; i++) y[n, j] += x[n, i] * W.Value[i, j];
            }
        return y;
    }

    public Tensor<double>? Backward(Tensor<double> dy)
    {
        var x = _x!;
        var dx = new Tensor<double>(x.Shape[0], Inputs);
        for (int n = 0; n < x.Shape[0]; n++)
            for (int j = 0; j < B.Value.Length; j++)
            {
                B.Gradient[j] += dy[n, j];
                for (int i = 0; i < Inputs; i++)
                {
                    W.Gradient[i, j] += x[n, i] * dy[n, j];
                    dx[n, i] += W.Value[i, j] * dy[n, j];
                }
            }
        return dx;
    }
}

public class TinyDenseTests
{
    [GradientCheck(Cases = 5)]
    public void Tiny_dense_backward_matches_finite_differences(GradientCase c)
    {
        var dense = new TinyDense(c.Dim("in", 1, 4), c.Dim("out", 1, 4), c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 3), dense.Inputs));
    }

    [Fact]
    public void Tiny_dense_should_pass_gradient_check()
    {
        var dense = new TinyDense(3, 2, seed: 1);
        dense.ShouldPassGradientCheck(new GradientCase(seed: 1).Normal<double>(4, 3));
    }
}
EOF

# 4. Restore from the local folder, build and test.
step "restoring GradAssert $version from $feed and running dotnet test"
export NUGET_PACKAGES="$work/nuget-cache"
dotnet test "$consumer/Consumer.Tests.csproj" --nologo \
  --results-directory "$work/results" --logger "trx;LogFileName=smoke.trx" >"$work/test.log" 2>&1 \
  || { cat "$work/test.log" >&2; fail "dotnet test of the consumer project failed"; }

[[ -d "$NUGET_PACKAGES/gradassert/$version" ]] || fail "GradAssert $version was not restored from the local folder"
grep -q '<Counters total="2" executed="2" passed="2"' "$work/results/smoke.trx" \
  || { cat "$work/test.log" >&2; fail "expected 2 passing tests in the consumer project"; }

# 5. The analyzer from the package: a misused [GradientCheck] must stop the build with GA0001 (an incremental build of
#    the same project, a few seconds).
step "building the consumer with a misused [GradientCheck]: expecting GA0001"
cat >"$consumer/MisusedChecks.cs" <<'MISUSE'
using GradAssert.Xunit;

namespace Consumer.Tests;

public class MisusedChecks
{
    [GradientCheck]
    public void Takes_an_int(int batch) => GC.KeepAlive(batch);
}
MISUSE
if dotnet build "$consumer/Consumer.Tests.csproj" --no-restore --nologo >"$work/misuse.log" 2>&1; then
  cat "$work/misuse.log" >&2
  fail "a [GradientCheck] method taking an int built without error: the analyzer did not run"
fi
grep -q "MisusedChecks.cs(8,.*error GA0001: \[GradientCheck\] cannot run 'Takes_an_int'" "$work/misuse.log" \
  || { cat "$work/misuse.log" >&2; fail "the build failed, but not with GA0001 on Takes_an_int"; }
rm "$consumer/MisusedChecks.cs"

step "OK: 4 packages with correct metadata; a fresh project restored them, passed 2 tests, and a misused [GradientCheck] failed its build with GA0001"
