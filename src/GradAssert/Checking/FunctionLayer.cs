using GradAssert.Engine.Running;
using GradAssert.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert.Checking;

/// <summary>
/// Presents a cost J(θ) and its claimed gradient as a layer whose parameters are the parts of θ, so the function form
/// gets the same engine, probes and report. The engine perturbs the parts; the cost sees them gathered into a private
/// copy of θ, so the caller's vector is never written to.
/// </summary>
internal sealed class FunctionLayer : ILayer<double>, IInputless
{
    private readonly Func<MathNetVector, double> _cost;
    private readonly Func<MathNetVector, MathNetVector> _gradient;
    private readonly MathNetVector _work;
    private readonly Parameter<double>[] _parts;

    public FunctionLayer(Func<MathNetVector, double> cost, Func<MathNetVector, MathNetVector> gradient, MathNetVector theta, IReadOnlyList<ThetaSegment>? segments)
    {
        _cost = cost ?? throw new ArgumentNullException(nameof(cost));
        _gradient = gradient ?? throw new ArgumentNullException(nameof(gradient));
        ArgumentNullException.ThrowIfNull(theta);
        segments ??= [new ThetaSegment("theta", theta.Count)];
        int covered = segments.Sum(s => s.Length);
        if (covered != theta.Count)
        {
            throw new ArgumentException(
                $"The segments cover {covered} elements ({string.Join(", ", segments.Select(s => $"{s.Name} {ShapeMath.Format(s.Shape)}"))}) but θ has {theta.Count}.",
                nameof(segments));
        }

        _work = Vector<double>.Build.DenseOfVector(theta);
        var work = _work.AsArray()!;
        int offset = 0;
        _parts = new Parameter<double>[segments.Count];
        for (int k = 0; k < segments.Count; k++)
        {
            var segment = segments[k];
            var part = work.AsSpan(offset, segment.Length).ToArray();
            _parts[k] = new Parameter<double>(segment.Name, new Tensor<double>(segment.Shape, part));
            offset += segment.Length;
        }
    }

    /// <summary>The function form has no input: θ is all parameters.</summary>
    public static Tensor<double> Input => new(0);

    /// <summary>The upstream gradient is 1, so the report shows dJ/dθ itself.</summary>
    public static Tensor<double> Upstream => new([1], [1.0]);

    public string Name => "J";

    object? IInputless.Inner => null;

    public IReadOnlyList<Parameter<double>> Parameters => _parts;

    public Tensor<double> Forward(Tensor<double> input) => new([1], [_cost(Gather())]);

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var gradient = _gradient(Gather()) ?? throw new LayerContractException("The gradient function returned null; it must return dJ/dθ.");
        if (gradient.Count != _work.Count)
        {
            throw new LayerContractException(
                $"The gradient function returned a vector of shape [{gradient.Count}], but θ has shape [{_work.Count}]: dJ/dθ must have θ's shape.");
        }

        double r = outputGradient.Data[0];
        int offset = 0;
        foreach (var part in _parts)
        {
            for (int i = 0; i < part.Gradient.Length; i++)
            {
                part.Gradient.Data[i] += r * gradient[offset + i];
            }

            offset += part.Gradient.Length;
        }

        return null;
    }

    /// <summary>Copies the (possibly perturbed) parts into the private θ the user's functions see.</summary>
    private MathNetVector Gather()
    {
        var work = _work.AsArray()!;
        int offset = 0;
        foreach (var part in _parts)
        {
            part.Value.Data.CopyTo(work, offset);
            offset += part.Value.Length;
        }

        return _work;
    }
}
