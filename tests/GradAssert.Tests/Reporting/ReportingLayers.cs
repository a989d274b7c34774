using System.Numerics;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// y = scale·x + offset element-wise, with a right backward. A large offset next to a small scale makes the objective
/// big and its gradient small, so finite differences carry a rounding error that is large next to the gradient: the
/// normalized difference lands in the course's "wrong" band while every element is within the error model's tolerance.
/// </summary>
internal sealed class Offset<T>(double scale, double offset, string name = "Offset") : TestLayer<T>(name)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override Tensor<T> Compute(Tensor<T> x) => Map(x, v => (Of(scale) * v) + Of(offset));

    public override Tensor<T>? Backward(Tensor<T> dy) => Map(dy, g => Of(scale) * g);
}

/// <summary>y[n, j] = w[j]·x[n, j], with one parameter of a name the test chooses; <see cref="Bug"/> scales dw.</summary>
internal sealed class Scale<T> : TestLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _w;

    public Scale(int width, string name = "Scale", string parameter = "w")
        : base(name)
    {
        var w = new Tensor<T>(width);
        for (int j = 0; j < width; j++)
        {
            w.Data[j] = Of(0.5 + (0.25 * j));
        }

        _w = new Parameter<T>(parameter, w);
    }

    public double Bug { get; init; } = 1;

    public override IReadOnlyList<Parameter<T>> Parameters => [_w];

    protected override Tensor<T> Compute(Tensor<T> x)
    {
        var y = x.Clone();
        for (int i = 0; i < y.Length; i++)
        {
            y.Data[i] *= _w.Value.Data[i % _w.Value.Length];
        }

        return y;
    }

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        var dx = dy.Clone();
        for (int i = 0; i < dx.Length; i++)
        {
            int j = i % _w.Value.Length;
            _w.Gradient.Data[j] += Of(Bug) * dy.Data[i] * Input.Data[i];
            dx.Data[i] *= _w.Value.Data[j];
        }

        return dx;
    }
}
