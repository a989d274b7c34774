namespace GradAssert.Engine;

/// <summary>The classic summary ‖g−n‖/(‖g‖+‖n‖).</summary>
internal static class NormalizedDifference
{
    /// <summary>From the norms; 0 when both gradients are zero, NaN when any norm is NaN.</summary>
    public static double Of(double analytic, double numerical, double error)
    {
        double denominator = analytic + numerical;
        if (double.IsNaN(error) || double.IsNaN(denominator))
        {
            return double.NaN;
        }

        return denominator == 0 ? 0 : error / denominator;
    }

    /// <summary>From the squared norms.</summary>
    public static double FromSquares(double analytic2, double numerical2, double error2) =>
        Of(Math.Sqrt(analytic2), Math.Sqrt(numerical2), Math.Sqrt(error2));
}
