using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GradAssert.Tests.Exact;

/// <summary>y = f(x) element-wise, f and its slope f′ given to the constructor and captured by it.</summary>
internal sealed class Activated<T>(Func<T, T> activation, Func<T, T> slope) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _x = new(0);

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Tensor<T> Forward(Tensor<T> input)
    {
        _x = input.Clone();
        return new Tensor<T>([.. input.Shape], [.. input.Data.Select(activation)]);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) =>
        new([.. _x.Shape], [.. _x.Data.Select((x, i) => outputGradient.Data[i] * slope(x))]);
}

/// <summary>y = s·tanh(x), with s captured by the primary constructor and the activation a lambda of the layer's own generic code.</summary>
internal sealed class CapturedScale<T>(T scale) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<T, T> _activation = x => scale * T.Tanh(x);
    private Tensor<T> _x = new(0);

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Tensor<T> Forward(Tensor<T> input)
    {
        _x = input.Clone();
        return new Tensor<T>([.. input.Shape], [.. input.Data.Select(_activation)]);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) =>
        new([.. _x.Shape], [.. _x.Data.Select((x, i) => outputGradient.Data[i] * scale * (T.One - (T.Tanh(x) * T.Tanh(x))))]);
}

/// <summary>y = tanh(x), computed in double whatever T is: right values, and a derivative the dual type cannot see.</summary>
internal sealed class LeavesGenericMath<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _y = new(0);

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Tensor<T> Forward(Tensor<T> input)
    {
        _y = new Tensor<T>([.. input.Shape], [.. input.Data.Select(x => T.CreateChecked(Math.Tanh(double.CreateChecked(x))))]);
        return _y.Clone();
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) =>
        new([.. _y.Shape], [.. _y.Data.Select((y, i) => outputGradient.Data[i] * (T.One - (y * y)))]);
}

/// <summary>y = x·W with W in MathNet matrices, as a parameter over them.</summary>
internal sealed class MatrixBacked<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _w;
    private readonly Matrix<T> _dw;
    private Tensor<T> _x = new(0);

    public MatrixBacked(int inputs, int outputs)
    {
        _w = Matrix<T>.Build.Dense(inputs, outputs, (i, j) => T.CreateTruncating(0.1 * (i - j)));
        _dw = Matrix<T>.Build.Dense(inputs, outputs);
        Parameters = [Parameter<T>.Over("W", _w, _dw)];
    }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public Tensor<T> Forward(Tensor<T> input)
    {
        _x = input.Clone();
        return Tensor<T>.FromMatrix(_x.ToMatrix() * _w);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var dy = outputGradient.ToMatrix();
        _dw.SetSubMatrix(0, 0, _x.ToMatrix().TransposeThisAndMultiply(dy));
        return Tensor<T>.FromMatrix(dy * _w.Transpose());
    }
}

/// <summary>y = x·W + b, with W and b two segments of one buffer (and their gradients of another), as a library keeps them.</summary>
internal sealed class SegmentDense<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly T[] _gradients;
    private readonly int _inputs;
    private readonly int _outputs;
    private Tensor<T> _x = new(0);

    public SegmentDense(int inputs, int outputs, int seed)
    {
        (_inputs, _outputs) = (inputs, outputs);
        var random = new Random(seed);
        _values = [.. Enumerable.Range(0, (inputs + 1) * outputs).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5))];
        _gradients = new T[_values.Length];
        int w = inputs * outputs;
        Parameters =
        [
            Parameter<T>.Over("W", new ArraySegment<T>(_values, 0, w), new ArraySegment<T>(_gradients, 0, w), inputs, outputs),
            Parameter<T>.Over("b", new ArraySegment<T>(_values, w, outputs), new ArraySegment<T>(_gradients, w, outputs), outputs),
        ];
    }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public Tensor<T> Forward(Tensor<T> input)
    {
        _x = input.Clone();
        int batch = input.Shape[0];
        var y = new Tensor<T>(batch, _outputs);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < _outputs; o++)
            {
                T sum = _values[(_inputs * _outputs) + o];
                for (int i = 0; i < _inputs; i++)
                {
                    sum += input[n, i] * _values[(i * _outputs) + o];
                }

                y[n, o] = sum;
            }
        }

        return y;
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        int batch = _x.Shape[0];
        var dx = new Tensor<T>(batch, _inputs);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < _outputs; o++)
            {
                T dy = outputGradient[n, o];
                _gradients[(_inputs * _outputs) + o] += dy;
                for (int i = 0; i < _inputs; i++)
                {
                    _gradients[(i * _outputs) + o] += _x[n, i] * dy;
                    dx[n, i] += _values[(i * _outputs) + o] * dy;
                }
            }
        }

        return dx;
    }
}

/// <summary>y = x + 2⁻⁴⁰ at double, y = x otherwise: code that asks which type it runs at computes other values at a dual type.</summary>
internal sealed class TypeSwitched<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Tensor<T> Forward(Tensor<T> input)
    {
        T shift = typeof(T) == typeof(double) ? T.CreateTruncating(Math.ScaleB(1, -40)) : T.Zero;
        return new Tensor<T>([.. input.Shape], [.. input.Data.Select(x => x + shift)]);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) => outputGradient.Clone();
}

/// <summary>y = x ⊙ w row by row, w a parameter it may share with other layers: dL/dw is added, not written.</summary>
internal sealed class SharedRowScale<T>(Parameter<T> w) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _x = new(0);

    public IReadOnlyList<Parameter<T>> Parameters => [w];

    public Tensor<T> Forward(Tensor<T> input)
    {
        _x = input.Clone();
        int width = w.Value.Length;
        return new Tensor<T>([.. input.Shape], [.. input.Data.Select((x, i) => x * w.Value.Data[i % width])]);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        int width = w.Value.Length;
        for (int i = 0; i < _x.Length; i++)
        {
            w.Gradient.Data[i % width] += outputGradient.Data[i] * _x.Data[i];
        }

        return new Tensor<T>([.. _x.Shape], [.. outputGradient.Data.Select((dy, i) => dy * w.Value.Data[i % width])]);
    }
}

/// <summary>y = w ⊙ tanh(w ⊙ x): one parameter tied between two sub-layers, listed once.</summary>
internal sealed class TiedScales<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _w;
    private readonly SharedRowScale<T> _first;
    private readonly GradAssert.Examples.Layers.Tanh<T> _tanh = new();
    private readonly SharedRowScale<T> _second;

    public TiedScales(int width)
    {
        _w = new Parameter<T>("w", new Tensor<T>([width], [.. Enumerable.Range(0, width).Select(i => T.CreateTruncating(0.5 + (0.25 * i)))]));
        (_first, _second) = (new SharedRowScale<T>(_w), new SharedRowScale<T>(_w));
    }

    public IReadOnlyList<Parameter<T>> Parameters => [_w];

    public Tensor<T> Forward(Tensor<T> input) => _second.Forward(_tanh.Forward(_first.Forward(input)));

    public Tensor<T>? Backward(Tensor<T> outputGradient) => _first.Backward(_tanh.Backward(_second.Backward(outputGradient)!)!);
}

/// <summary>y = k·x, with a stream, a callback and a lookup table it never changes beside its generic state, and a non-capturing generic lambda.</summary>
internal sealed class WithResources<T>(Stream log, Action<string> notify) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<T, T> _twice = static x => x + x;
    private readonly string[] _labels = ["a", "b"];
    private Tensor<T> _x = new(0);

    public Stream Log => log;

    public Action<string> Notify => notify;

    public string[] Labels => _labels;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Tensor<T> Forward(Tensor<T> input)
    {
        _x = input.Clone();
        return new Tensor<T>([.. input.Shape], [.. input.Data.Select(_twice)]);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) => new([.. _x.Shape], [.. outputGradient.Data.Select(_twice)]);
}

/// <summary>
/// y_i = x_i + c·x_(i + reach) on a vector, wrapping around: every output shares two inputs that lie farther apart than
/// the exact reference's probes look, so the groups it guesses share outputs.
/// </summary>
internal sealed class FarPairs<T>(T coefficient, int reach) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Tensor<T> Forward(Tensor<T> input)
    {
        int n = input.Length;
        return new Tensor<T>([n], [.. input.Data.Select((x, i) => x + (coefficient * input.Data[(i + reach) % n]))]);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        int n = outputGradient.Length;
        return new([n], [.. outputGradient.Data.Select((r, i) => r + (coefficient * outputGradient.Data[(i - reach + n) % n]))]);
    }
}
