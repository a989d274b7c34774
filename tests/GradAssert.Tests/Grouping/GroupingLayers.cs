using System.Numerics;

namespace GradAssert.Tests.Grouping;

/// <summary>Counts the Forward calls of the layer it wraps; everything else passes through.</summary>
internal sealed class Counted<T>(ILayer<T> inner) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public int Forwards { get; private set; }

    public string Name => inner.Name;

    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

    public Tensor<T> Forward(Tensor<T> input)
    {
        Forwards++;
        return inner.Forward(input);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) => inner.Backward(outputGradient);
}

/// <summary>A softmax over every element of its input at once: each output depends on every input.</summary>
internal sealed class SoftmaxOverAll : ILayer<double>
{
    private Tensor<double> _output = new(0);

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input)
    {
        double max = input.Data.Max(), sum = 0;
        var y = new Tensor<double>(input.Shape.ToArray());
        for (int i = 0; i < y.Length; i++)
        {
            sum += y.Data[i] = Math.Exp(input.Data[i] - max);
        }

        for (int i = 0; i < y.Length; i++)
        {
            y.Data[i] /= sum;
        }

        _output = y.Clone();
        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        double dot = 0;
        for (int i = 0; i < _output.Length; i++)
        {
            dot += outputGradient.Data[i] * _output.Data[i];
        }

        var dx = new Tensor<double>(_output.Shape.ToArray());
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] = _output.Data[i] * (outputGradient.Data[i] - dot);
        }

        return dx;
    }
}

/// <summary>
/// y = x + x[0]·x[last]·e₀ on a flat input: every element moves only its own output, except that the first and the last
/// element both move output 0 as well. They are as far apart as the tensor allows, so the structure probes in its middle
/// never see them interact; only the verification of each group can. <see cref="ForgetsLast"/> plants the bug a wrong
/// merge would hide: the last element's gradient leaves out its part in output 0.
/// </summary>
internal sealed class FarPair : ILayer<double>
{
    private Tensor<double> _input = new(0);

    public bool ForgetsLast { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        var y = input.Clone();
        y.Data[0] += input.Data[0] * input.Data[^1];
        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = outputGradient.Clone();
        dx.Data[0] += outputGradient.Data[0] * _input.Data[^1];
        if (!ForgetsLast)
        {
            dx.Data[^1] += outputGradient.Data[0] * _input.Data[0];
        }

        return dx;
    }
}

/// <summary>
/// A layer whose structure depends on its input: y[n, j] = x[n, j] + relu(x[n, j + 3])² for the rows whose first value is
/// positive, and y = x elsewhere. Which elements share an output changes from row to row, and with the values.
/// </summary>
internal sealed class InputShapedMixing : ILayer<double>
{
    private Tensor<double> _input = new(0);

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        var y = input.Clone();
        int rows = input.Shape[0], width = input.Shape[1];
        for (int n = 0; n < rows; n++)
        {
            if (input[n, 0] <= 0)
            {
                continue;
            }

            for (int j = 0; j + 3 < width; j++)
            {
                double partner = Math.Max(0, input[n, j + 3]);
                y[n, j] += partner * partner;
            }
        }

        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = outputGradient.Clone();
        int rows = _input.Shape[0], width = _input.Shape[1];
        for (int n = 0; n < rows; n++)
        {
            if (_input[n, 0] <= 0)
            {
                continue;
            }

            for (int j = 0; j + 3 < width; j++)
            {
                dx[n, j + 3] += 2 * Math.Max(0, _input[n, j + 3]) * outputGradient[n, j];
            }
        }

        return dx;
    }
}

/// <summary>
/// An identity whose Forward returns its input tensor itself (as an identity, an evaluation-mode dropout or a reshape
/// over the same array may): its output is the storage the check perturbs. <see cref="GradientScale"/> 0 is a backward
/// that forgot to pass the gradient on.
/// </summary>
internal sealed class AliasingIdentity(double gradientScale = 1) : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input) => input;

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = outputGradient.Clone();
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] *= gradientScale;
        }

        return dx;
    }
}

/// <summary>A learned constant: Forward ignores its input and returns its parameter's own tensor.</summary>
internal sealed class LearnedConstant : ILayer<double>
{
    private readonly Parameter<double> _value;

    public LearnedConstant(bool writesGradient) => (_value, WritesGradient) = (new Parameter<double>("P", new GradientCase(3).Normal<double>(5, 5)), writesGradient);

    public bool WritesGradient { get; }

    public IReadOnlyList<Parameter<double>> Parameters => [_value];

    public Tensor<double> Forward(Tensor<double> input) => _value.Value;

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        if (WritesGradient)
        {
            for (int i = 0; i < outputGradient.Length; i++)
            {
                _value.Gradient.Data[i] += outputGradient.Data[i];
            }
        }

        return null;
    }
}
