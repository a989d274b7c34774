namespace GradAssert.Tests.Support;

/// <summary>How a <see cref="DriftingDense"/> misbehaves from call to call.</summary>
public enum Drift
{
    /// <summary>From the sixth call on, every output creeps by 1e-5 per call.</summary>
    Creep,

    /// <summary>From the sixth call on, every output follows a seeded random walk with steps of 1e-5.</summary>
    RandomWalk,

    /// <summary>From the sixth call on, W[0,0] grows by 1e-4 on every call.</summary>
    GrowingParameter,

    /// <summary>From the sixth call on, Forward adds 1e-3 to input[0,0].</summary>
    InputMutatedFromCall6,

    /// <summary>On the sixth call, Forward adds 1e-3 to W[0,0], once.</summary>
    ParameterMutatedFromCall6,

    /// <summary>Every seventh call adds seeded noise of size 1e-3 to output[0,0].</summary>
    NoiseEverySeventhCall,
}

/// <summary>
/// A dense layer (optionally with a weight gradient off by a factor) whose forward drifts after the first five calls,
/// where the contract probes at the start of a check cannot see it.
/// </summary>
internal sealed class DriftingDense : ILayer<double>
{
    private readonly Dense<double> _dense;
    private readonly Drift _drift;
    private readonly Random _random = new(12345);
    private double _walk;

    public DriftingDense(Drift drift, double weightGradientScale)
    {
        _dense = new Dense<double>(4, 3, seed: 7) { WeightGradientScale = weightGradientScale };
        _drift = drift;
    }

    public string Name => "DriftingDense";

    public int Calls { get; private set; }

    public IReadOnlyList<Parameter<double>> Parameters => _dense.Parameters;

    private Tensor<double> W => _dense.Parameters[0].Value;

    public Tensor<double> Forward(Tensor<double> input)
    {
        Calls++;
        switch (_drift)
        {
            case Drift.GrowingParameter when Calls >= 6:
                W.Data[0] += 1e-4;
                break;
            case Drift.InputMutatedFromCall6 when Calls >= 6:
                input.Data[0] += 1e-3;
                break;
            case Drift.ParameterMutatedFromCall6 when Calls == 6:
                W.Data[0] += 1e-3;
                break;
        }

        var y = _dense.Forward(input);
        switch (_drift)
        {
            case Drift.Creep when Calls >= 6:
                Shift(y, 1e-5 * Calls);
                break;
            case Drift.RandomWalk when Calls >= 6:
                _walk += 1e-5 * ((2 * _random.NextDouble()) - 1);
                Shift(y, _walk);
                break;
            case Drift.NoiseEverySeventhCall when Calls % 7 == 0:
                y.Data[0] += 1e-3 * ((2 * _random.NextDouble()) - 1);
                break;
        }

        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient) => _dense.Backward(outputGradient);

    private static void Shift(Tensor<double> y, double by)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y.Data[i] += by;
        }
    }
}
