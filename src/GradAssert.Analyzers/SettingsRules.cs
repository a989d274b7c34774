using Microsoft.CodeAnalysis;

namespace GradAssert.Analyzers;

/// <summary>
/// GA0004: the check settings of [GradientCheck] and of [assembly: GradientCheckDefaults] that the run would refuse
/// before any case (two tolerance rules in one place, a value out of range), told when they are written. The ranges
/// are those of GradAssert's own Tolerance, StepSize and GradCheckOptions.
/// </summary>
internal static class SettingsRules
{
    private const string DefaultsClassName = "GradientCheckDefaultsAttribute";

    /// <summary>Whether <paramref name="type"/> is GradAssert's assembly-wide [GradientCheckDefaults].</summary>
    internal static bool IsDefaults(INamedTypeSymbol? type) =>
        type is { Name: DefaultsClassName, ContainingType: null, TypeKind: not TypeKind.Error } && Names.Namespace(type) == "GradAssert";

    /// <summary>What is wrong with the attribute's settings, one sentence each; empty when nothing is.</summary>
    internal static IReadOnlyList<string> Problems(AttributeData attribute)
    {
        var set = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Value is { } value && value is int or double)
            {
                set[argument.Key] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var problems = new List<string>();
        var rules = new List<string>();
        if (set.ContainsKey("SafetyFactor"))
        {
            rules.Add("SafetyFactor");
        }

        if (set.ContainsKey("Threshold"))
        {
            rules.Add("Threshold");
        }

        if (set.ContainsKey("AbsoluteTolerance") || set.ContainsKey("RelativeTolerance"))
        {
            rules.Add("AbsoluteTolerance/RelativeTolerance");
        }

        if (rules.Count > 1)
        {
            problems.Add($"sets more than one tolerance rule ({string.Join(", ", rules)}); set one of SafetyFactor (the error model), AbsoluteTolerance with RelativeTolerance (allclose), or Threshold (the course's rule)");
        }

        Check(set, "Cases", v => v >= 1, "Cases must be at least 1", problems);
        Check(set, "SafetyFactor", v => v >= 1 && !double.IsInfinity(v), "SafetyFactor must be a finite number of at least 1", problems);
        Check(set, "Threshold", v => v > 0 && !double.IsInfinity(v), "Threshold must be a finite positive number", problems);
        Check(set, "AbsoluteTolerance", v => v >= 0 && !double.IsInfinity(v), "AbsoluteTolerance must be finite and zero or more", problems);
        Check(set, "RelativeTolerance", v => v >= 0 && !double.IsInfinity(v), "RelativeTolerance must be finite and zero or more", problems);
        Check(set, "Step", v => v > 0 && !double.IsInfinity(v), "Step must be a finite positive number", problems);
        Check(set, "MaxElements", v => v >= 1, "MaxElements must be at least 1", problems);
        Check(set, "ReplayCase", v => v >= 0, "ReplayCase must be a case's number, 0 or more", problems);
        if (set.TryGetValue("ReplayCase", out double replayCase) && replayCase >= 0 && set.TryGetValue("Cases", out double cases) && cases >= 1 && replayCase >= cases)
        {
            problems.Add($"ReplayCase = {replayCase.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is not a case of a run of Cases = {cases.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (cases are numbered from 0)");
        }

        if (set.ContainsKey("ReplayCase") && attribute.NamedArguments.Any(a => a.Key == "Replay" && a.Value.Value is string { Length: > 0 }))
        {
            problems.Add("sets both Replay and ReplayCase; set one: Replay = \"seed:case:cases\", or Seed, Cases and ReplayCase");
        }

        if ((set.ContainsKey("AbsoluteTolerance") || set.ContainsKey("RelativeTolerance"))
            && Value(set, "AbsoluteTolerance") == 0 && Value(set, "RelativeTolerance") == 0)
        {
            problems.Add("AbsoluteTolerance and RelativeTolerance are both zero, so allclose would let nothing pass; give one of them a value");
        }

        return problems;
    }

    private static double Value(Dictionary<string, double> set, string name) => set.TryGetValue(name, out double value) ? value : 0;

    private static void Check(Dictionary<string, double> set, string name, Func<double, bool> fits, string rule, List<string> problems)
    {
        if (set.TryGetValue(name, out double value) && !fits(value))
        {
            problems.Add($"{rule}, but is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }
}
