namespace GradAssert.Tests.Support;

/// <summary>Layers that each break one rule of the layer contract, for the probe tests. All compute y = s·x.</summary>
internal abstract class ScaleBase : ILayer<double>
{
    protected ScaleBase(string name)
    {
        Name = name;
        Scale = new Parameter<double>("s", new Tensor<double>([1], [1.5]));
    }

    public string Name { get; }

    public Parameter<double> Scale { get; }

    public IReadOnlyList<Parameter<double>> Parameters => [Scale];

    protected Tensor<double>? Cached { get; set; }

    public virtual Tensor<double> Forward(Tensor<double> input)
    {
        Cached = input.Clone();
        return Times(input, Scale.Value.Data[0]);
    }

    public virtual Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var x = Cached!;
        for (int i = 0; i < x.Length; i++)
        {
            Scale.Gradient.Data[0] += outputGradient.Data[i] * x.Data[i];
        }

        return Times(outputGradient, Scale.Value.Data[0]);
    }

    protected static Tensor<double> Times(Tensor<double> t, double s)
    {
        var y = t.Clone();
        for (int i = 0; i < y.Length; i++)
        {
            y.Data[i] *= s;
        }

        return y;
    }
}

internal sealed class CorrectScale() : ScaleBase("Scale");

/// <summary>Adds fresh noise on every call, like dropout left in training mode.</summary>
internal sealed class NoisyScale() : ScaleBase("Noisy")
{
    private int _calls;

    public override Tensor<double> Forward(Tensor<double> input)
    {
        var y = base.Forward(input);
        y.Data[^1] += 1e-3 * ++_calls;
        return y;
    }
}

/// <summary>Scales its input in place before using it.</summary>
internal sealed class InputMutatingScale() : ScaleBase("Mutating")
{
    public override Tensor<double> Forward(Tensor<double> input)
    {
        input.Data[1] += 1;
        return base.Forward(input);
    }
}

/// <summary>Returns NaN in its output.</summary>
internal sealed class NaNScale() : ScaleBase("NaNs")
{
    public override Tensor<double> Forward(Tensor<double> input)
    {
        var y = base.Forward(input);
        y.Data[2] = double.NaN;
        return y;
    }
}

/// <summary>Writes +Inf into its parameter gradient.</summary>
internal sealed class InfGradientScale() : ScaleBase("Infs")
{
    public override Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = base.Backward(outputGradient);
        Scale.Gradient.Data[0] = double.PositiveInfinity;
        return dx;
    }
}

/// <summary>Returns an input gradient with one element too few.</summary>
internal sealed class WrongShapeScale() : ScaleBase("WrongShape")
{
    public override Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = base.Backward(outputGradient)!;
        return new Tensor<double>([dx.Length - 1], dx.Data[..^1]);
    }
}

/// <summary>Caches its input on the first Forward only.</summary>
internal sealed class FirstCallCacheScale() : ScaleBase("FrozenCache")
{
    public override Tensor<double> Forward(Tensor<double> input)
    {
        Cached ??= input.Clone();
        return Times(input, Scale.Value.Data[0]);
    }
}

/// <summary>Backward uses the input of the Forward before the latest one.</summary>
internal sealed class LaggingCacheScale() : ScaleBase("LaggingCache")
{
    private Tensor<double>? _latest;

    public override Tensor<double> Forward(Tensor<double> input)
    {
        Cached = _latest ?? input.Clone();
        _latest = input.Clone();
        return Times(input, Scale.Value.Data[0]);
    }
}

/// <summary>Applies an SGD step inside Backward.</summary>
internal sealed class SelfUpdatingScale() : ScaleBase("SelfUpdating")
{
    public override Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = base.Backward(outputGradient);
        Scale.Value.Data[0] -= 0.01 * Scale.Gradient.Data[0];
        return dx;
    }
}

/// <summary>Throws on the n-th Forward, after moving its parameter.</summary>
internal sealed class ThrowingScale(int throwOnCall) : ScaleBase("Throwing")
{
    private int _calls;

    public override Tensor<double> Forward(Tensor<double> input)
    {
        if (++_calls == throwOnCall)
        {
            Scale.Value.Data[0] = 99;
            input.Data[0] = 99;
            throw new InvalidOperationException("boom");
        }

        return base.Forward(input);
    }
}

/// <summary>Assigns its parameter gradient instead of adding to it.</summary>
internal sealed class OverwritingScale() : ScaleBase("Overwriting")
{
    public override Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        Scale.Gradient.Data[0] = 0;
        return base.Backward(outputGradient);
    }
}

/// <summary>Shrinks its own parameter a little on every Forward, as a decay applied in the wrong place.</summary>
internal sealed class SelfShrinkingScale() : ScaleBase("SelfShrinking")
{
    public override Tensor<double> Forward(Tensor<double> input)
    {
        var y = base.Forward(input);
        Scale.Value.Data[0] *= 0.999;
        return y;
    }
}

/// <summary>Adds noise far below nine significant digits on every call, like a step counter folded into the output.</summary>
internal sealed class FaintlyNoisyScale() : ScaleBase("FaintlyNoisy")
{
    private int _calls;

    public override Tensor<double> Forward(Tensor<double> input)
    {
        var y = base.Forward(input);
        y.Data[0] *= 1 + (1e-13 * ++_calls);
        return y;
    }
}
