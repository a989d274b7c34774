namespace GradAssert.Tests.Support;

/// <summary>
/// y[k] = max(x[k], x[k+1]): windows of two that overlap by one, a 1-D max-pool with stride 1. A tie goes to the first
/// element, as the zoo's max-pool breaks it; <see cref="TieFactor"/> scales the gradient a tie routes (a planted bug), and
/// <see cref="FirstWindowScale"/> scales the first window's output (a minor window).
/// </summary>
internal sealed class OverlappingPairMax : ILayer<double>
{
    private Tensor<double> _input = new(0);

    public double TieFactor { get; init; } = 1;

    public double FirstWindowScale { get; init; } = 1;

    /// <summary>The classic bug: every tied maximum of a window gets its full gradient (<c>x == max</c>).</summary>
    public bool EqualityMask { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        var y = new Tensor<double>(input.Length - 1);
        for (int k = 0; k < y.Length; k++)
        {
            y.Data[k] = Math.Max(input.Data[k], input.Data[k + 1]) * (k == 0 ? FirstWindowScale : 1);
        }

        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var x = _input.Data;
        var dx = new Tensor<double>(x.Length);
        for (int k = 0; k < outputGradient.Length; k++)
        {
            double dy = outputGradient.Data[k] * (k == 0 ? FirstWindowScale : 1);
            if (x[k] != x[k + 1])
            {
                dx.Data[x[k] > x[k + 1] ? k : k + 1] += dy;
            }
            else if (EqualityMask)
            {
                dx.Data[k] += dy;
                dx.Data[k + 1] += dy;
            }
            else
            {
                dx.Data[k] += dy * TieFactor;
            }
        }

        return dx;
    }
}
