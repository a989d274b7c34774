using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>ReLU passing the gradient where x &lt; 0 instead of x &gt; 0.</summary>
internal sealed class ReluDerivativeAtWrongSide<T>() : Wrapped<T>(new ReLU<T>()) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            inputGradient.Data[i] = Input.Data[i] < T.Zero ? outputGradient.Data[i] : T.Zero;
        }
    }
}

/// <summary>Leaky ReLU whose backward forgets the leak: dx = 0 for x &lt; 0 (slope 0.1 forward).</summary>
internal sealed class LeakyReluMissingSlope<T>() : Wrapped<T>(new LeakyReLU<T>(0.1)) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            if (Input.Data[i] < T.Zero)
            {
                inputGradient.Data[i] = T.Zero;
            }
        }
    }
}

/// <summary>tanh′ computed as 1 − x² instead of 1 − tanh(x)².</summary>
internal sealed class TanhDerivativeFromInput<T>() : Wrapped<T>(new Tanh<T>()) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            T x = Input.Data[i];
            inputGradient.Data[i] = outputGradient.Data[i] * (T.One - (x * x));
        }
    }
}

/// <summary>σ′ computed as σ(x) instead of σ(x)·(1 − σ(x)).</summary>
internal sealed class SigmoidDerivativeMissingFactor<T>() : Wrapped<T>(new Sigmoid<T>()) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            T s = T.One / (T.One + T.Exp(-Input.Data[i]));
            inputGradient.Data[i] = outputGradient.Data[i] * s;
        }
    }
}

/// <summary>|x|′ taken as 1 everywhere (the sign forgotten).</summary>
internal sealed class AbsDerivativeMissingSign<T>() : Wrapped<T>(new Abs<T>()) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient) =>
        outputGradient.Data.CopyTo(inputGradient!.Data, 0);
}

/// <summary>Clamp passing the gradient through everywhere, also where the output is clamped.</summary>
internal sealed class ClampPassesGradientWhenClamped<T>() : Wrapped<T>(new Clamp<T>(-1, 1)) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient) =>
        outputGradient.Data.CopyTo(inputGradient!.Data, 0);
}

/// <summary>tanh′ computed as 1 − tanh(x) instead of 1 − tanh(x)² (the square forgotten).</summary>
internal sealed class TanhDerivativeMissingSquare<T>() : Wrapped<T>(new Tanh<T>()) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            inputGradient.Data[i] = outputGradient.Data[i] * (T.One - T.Tanh(Input.Data[i]));
        }
    }
}
