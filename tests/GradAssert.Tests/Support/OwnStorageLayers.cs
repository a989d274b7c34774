using MathNet.Numerics.LinearAlgebra;

namespace GradAssert.Tests.Support;

/// <summary>y = x·W + b with W and b kept in one big buffer (W at an offset), as a library's flat parameter store would.</summary>
internal sealed class SegmentDense : ILayer<double>
{
    private readonly int _in, _out, _wAt, _bAt;
    private Tensor<double> _x = new(0);

    public SegmentDense(double[] values, double[] gradients, int inputs, int outputs, int offset)
    {
        (_in, _out, _wAt, _bAt) = (inputs, outputs, offset, offset + (inputs * outputs));
        (Values, Gradients) = (values, gradients);
        Parameters =
        [
            Parameter<double>.Over("W", new ArraySegment<double>(values, _wAt, inputs * outputs), new ArraySegment<double>(gradients, _wAt, inputs * outputs), inputs, outputs),
            Parameter<double>.Over("b", new ArraySegment<double>(values, _bAt, outputs), new ArraySegment<double>(gradients, _bAt, outputs), outputs),
        ];
    }

    public double[] Values { get; }

    public double[] Gradients { get; }

    public double WeightGradientScale { get; init; } = 1;

    /// <summary>Reads W from a copy made at construction instead of from its storage (the classic adapter bug).</summary>
    public double[]? StaleCopyOfValues { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    public Tensor<double> Forward(Tensor<double> input)
    {
        _x = input.Clone();
        var w = StaleCopyOfValues ?? Values;
        int batch = input.Shape[0];
        var y = new Tensor<double>(batch, _out);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < _out; o++)
            {
                double sum = Values[_bAt + o];
                for (int i = 0; i < _in; i++)
                {
                    sum += input[n, i] * w[_wAt + (i * _out) + o];
                }

                y[n, o] = sum;
            }
        }

        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        int batch = _x.Shape[0];
        var dx = new Tensor<double>(batch, _in);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < _out; o++)
            {
                double g = outputGradient[n, o];
                Gradients[_bAt + o] += g;
                for (int i = 0; i < _in; i++)
                {
                    Gradients[_wAt + (i * _out) + o] += _x[n, i] * g * WeightGradientScale;
                    dx[n, i] += Values[_wAt + (i * _out) + o] * g;
                }
            }
        }

        return dx;
    }
}

/// <summary>y = x·W with W a MathNet matrix (dense, so column-major inside); the gradient a matrix too.</summary>
internal sealed class MatrixDense : ILayer<double>
{
    private readonly Matrix<double> _w;
    private readonly Matrix<double> _dw;
    private Matrix<double> _x = Matrix<double>.Build.Dense(1, 1);

    public MatrixDense(Matrix<double> w)
    {
        _w = w;
        _dw = Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount);
        Parameters = [Parameter<double>.Over("W", _w, _dw)];
    }

    /// <summary>Writes the weight gradient transposed into the (square) gradient matrix: a real bug.</summary>
    public bool TransposesWeightGradient { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    public Tensor<double> Forward(Tensor<double> input)
    {
        _x = input.ToMatrix();
        return Tensor<double>.FromMatrix(_x * _w);
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dy = outputGradient.ToMatrix();
        var dw = _x.TransposeThisAndMultiply(dy);
        _dw.SetSubMatrix(0, 0, TransposesWeightGradient ? dw.Transpose() : dw);
        return Tensor<double>.FromMatrix(dy.TransposeAndMultiply(_w));
    }
}

/// <summary>A library's own tensor type, reachable only through Get and Set.</summary>
internal sealed class LibraryTensor(int length)
{
    private readonly double[] _hidden = new double[length];

    public double Get(int i) => _hidden[i];

    public void Set(int i, double value) => _hidden[i] = value;
}

/// <summary>y = s ⊙ x (per feature) with s in a <see cref="LibraryTensor"/>.</summary>
internal sealed class LibraryScale : ILayer<double>
{
    private readonly LibraryTensor _s;
    private readonly LibraryTensor _ds;
    private Tensor<double> _x = new(0);

    public LibraryScale(double[] scales)
    {
        (_s, _ds) = (new LibraryTensor(scales.Length), new LibraryTensor(scales.Length));
        for (int i = 0; i < scales.Length; i++)
        {
            _s.Set(i, scales[i]);
        }

        Parameters = [Parameter<double>.Over("s", [scales.Length], _s.Get, _s.Set, _ds.Get, _ds.Set)];
    }

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    public Tensor<double> Forward(Tensor<double> input)
    {
        _x = input.Clone();
        int width = input.Shape[1];
        return new Tensor<double>(input.Shape.ToArray(), input.Data.Select((x, i) => x * _s.Get(i % width)).ToArray());
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        int width = _x.Shape[1];
        for (int i = 0; i < outputGradient.Length; i++)
        {
            _ds.Set(i % width, _ds.Get(i % width) + (outputGradient.Data[i] * _x.Data[i]));
        }

        return new Tensor<double>(outputGradient.Shape.ToArray(), outputGradient.Data.Select((g, i) => g * _s.Get(i % width)).ToArray());
    }
}

/// <summary>
/// Dropout in training mode with a mask drawn from its own generator on every Forward: hidden state that changes with
/// each call. It can capture and restore the generator's state (<see cref="IStatefulLayer"/>) when asked to.
/// </summary>
internal sealed class SeededDropout(int seed) : ILayer<double>, IStatefulLayer
{
    private int _draws;
    private bool[] _mask = [];

    public int Seed { get; set; } = seed;

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input)
    {
        var random = new Random(Seed + _draws++);
        _mask = input.Data.Select(_ => random.NextDouble() >= 0.5).ToArray();
        return new Tensor<double>(input.Shape.ToArray(), input.Data.Select((x, i) => _mask[i] ? 2 * x : 0).ToArray());
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient) =>
        new(outputGradient.Shape.ToArray(), outputGradient.Data.Select((g, i) => _mask[i] ? 2 * g : 0).ToArray());

    public object? CaptureState() => _draws;

    public void RestoreState(object? state) => _draws = (int)state!;

    /// <summary>The same layer without IStatefulLayer, for a test to reset itself.</summary>
    public ILayer<double> Opaque => new OpaqueLayer(this);

    private sealed class OpaqueLayer(SeededDropout inner) : ILayer<double>
    {
        public string Name => "Dropout";

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> input) => inner.Forward(input);

        public Tensor<double>? Backward(Tensor<double> outputGradient) => inner.Backward(outputGradient);

        public void Reset() => inner.RestoreState(0);
    }
}
