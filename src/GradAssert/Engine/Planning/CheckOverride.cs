using System.Globalization;

namespace GradAssert;

/// <summary>
/// Settings for one layer, or one tensor of it, that differ from the check's: a layer known to lose precision gets a
/// wider error model, one big tensor is checked along directions. Give them in <see cref="GradCheckOptions.Overrides"/>;
/// the report's header lists the ones that applied.
/// </summary>
/// <param name="Layer">The layer's label as the report shows it (<c>Dense#2</c>, <c>encoder/Attention</c>), or its last part.</param>
/// <param name="Tensor">A tensor of that layer (<c>W</c>, <c>input</c>), or null for all of them.</param>
public sealed record CheckOverride(string Layer, string? Tensor = null)
{
    /// <summary>The tolerance for the matching tensors, or null to keep the check's.</summary>
    public Tolerance? Tolerance { get; init; }

    /// <summary>The step for the matching tensors, or null to keep the check's.</summary>
    public StepSize? Step { get; init; }

    /// <summary>The stencil for the matching tensors, or null to keep the check's.</summary>
    public DifferenceScheme? Scheme { get; init; }

    /// <summary>The mode for the matching tensors, or null to keep the check's.</summary>
    public CheckMode? Mode { get; init; }

    /// <summary>True when this override is for <paramref name="label"/>'s <paramref name="tensor"/>.</summary>
    internal bool Matches(string label, string tensor) =>
        (label == Layer || label.EndsWith("/" + Layer, StringComparison.Ordinal)) && (Tensor is null || Tensor == tensor);

    /// <summary>The override in words, as the report's header lists it.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Tolerance is not null)
        {
            parts.Add($"tolerance {Tolerance}");
        }

        if (Step is not null)
        {
            parts.Add($"step {Step.Describe(Scheme ?? DifferenceScheme.Central)}");
        }

        if (Scheme is not null)
        {
            parts.Add(Scheme == DifferenceScheme.FourPoint ? "four-point differences" : "central differences");
        }

        if (Mode is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"mode {Mode}"));
        }

        return $"{Layer}{(Tensor is null ? string.Empty : "." + Tensor)}: {(parts.Count == 0 ? "nothing" : string.Join(", ", parts))}";
    }
}
