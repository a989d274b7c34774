namespace GradAssert;

/// <summary>The figures the engine measured for one tensor, before they become a public <see cref="TensorCheck"/>.</summary>
internal sealed record TensorFigures(
    double Difference,
    double MaxAbsError,
    IReadOnlyList<int> WorstIndex,
    double AnalyticAtWorst,
    double NumericalAtWorst,
    int Checked,
    int Failed,
    int Kinks,
    bool Passed,
    double AnalyticNorm,
    double NumericalNorm,
    double ErrorNorm,
    int Directions,
    double ConsistentRatio,
    bool Sampled);
