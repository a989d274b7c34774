namespace GradAssert.Engine.Running;

/// <summary>What the engine measured in one check, before it becomes a <see cref="GradientReport"/>.</summary>
/// <param name="Model">The checked model's or layer's name.</param>
/// <param name="Precision"><c>float</c> or <c>double</c>.</param>
/// <param name="Options">The options the check ran with, its seed resolved.</param>
/// <param name="Rows">End-to-end rows first, then the layer-by-layer rows.</param>
/// <param name="Blamed">The layers whose own backward is wrong.</param>
/// <param name="Layered">True for a <see cref="Sequential{T}"/>, whose rows come end to end and layer by layer.</param>
/// <param name="LayersAlone">True when each layer of a model was also checked on its own, so blame was assessed.</param>
/// <param name="Notes">What was not compared and why (a null input gradient, a tensor without elements), in words.</param>
/// <param name="Problems">Why the check fails whatever its rows say (nothing compared at all), in words.</param>
internal sealed record CheckOutcome(
    string Model,
    string Precision,
    GradCheckOptions Options,
    IReadOnlyList<TensorCheck> Rows,
    IReadOnlyList<string> Blamed,
    bool Layered,
    bool LayersAlone,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Problems)
{
    /// <summary>The causes of failing rows that the evidence shows (a loss's batch mean).</summary>
    public IReadOnlyList<BatchMean> Causes { get; init; } = [];

    /// <summary>The blamed composites: layers blamed for their own code between their sub-layers, which pass alone.</summary>
    public IReadOnlyList<string> BlamedComposites { get; init; } = [];

    /// <summary>The constant inputs of a layer with named inputs, as <c>name [shape]</c>.</summary>
    public IReadOnlyList<string> Constants { get; init; } = [];

    /// <summary>The whole check's verdict (<see cref="ReportOpinions"/>), made once its rows are final.</summary>
    public ReportVerdict Verdict { get; init; } = new(false, double.NaN, double.NaN);

    /// <summary>Rows that compared "ok" but verified nothing (their tensor moves no output), and why, in words.</summary>
    public IReadOnlyList<(TensorCheck Row, string Why)> Unverified { get; init; } = [];

    /// <summary>Rows of sub-layers that did not run on the check's input (an expert its router did not pick).</summary>
    public IReadOnlyList<TensorCheck> Idle { get; init; } = [];

    /// <summary>The outputs of a layer with named outputs, as <c>name [shape]</c>.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
}
