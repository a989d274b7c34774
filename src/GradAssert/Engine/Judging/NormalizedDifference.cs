namespace GradAssert.Engine.Judging;

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

    /// <summary>
    /// √(Σ vᵢ²), summed plainly (bit for bit what a plain sum gives) unless that overflows while every value is finite:
    /// then scaled by the largest |vᵢ| first, so gradients of 1e160 and beyond still have a norm.
    /// </summary>
    public static double Norm(IEnumerable<double> values)
    {
        double sum = 0, largest = 0;
        foreach (double v in values)
        {
            sum += v * v;
            largest = Math.Max(largest, Math.Abs(v));
        }

        if (!double.IsInfinity(sum) || !double.IsFinite(largest))
        {
            return Math.Sqrt(sum);
        }

        double scaled = 0;
        foreach (double v in values)
        {
            double r = v / largest;
            scaled += r * r;
        }

        return largest * Math.Sqrt(scaled);
    }
}
