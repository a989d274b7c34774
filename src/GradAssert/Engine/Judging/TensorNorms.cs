namespace GradAssert.Engine.Judging;

/// <summary>The norms of one tensor's comparison: what the per-tensor rules judge.</summary>
/// <param name="Analytic">‖g‖.</param>
/// <param name="Numerical">‖n‖.</param>
/// <param name="Error">‖g − n‖.</param>
/// <param name="Compared">The elements (or directions) compared, kinks excluded.</param>
internal readonly record struct TensorNorms(double Analytic, double Numerical, double Error, int Compared)
{
    /// <summary>‖g−n‖/(‖g‖+‖n‖); 0 when both gradients are zero, NaN when a norm is.</summary>
    public double Difference => NormalizedDifference.Of(Analytic, Numerical, Error);
}
