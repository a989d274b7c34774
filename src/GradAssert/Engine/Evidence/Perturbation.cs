using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// A way to move a tensor's values a signed distance along one direction, and back: a single element (element-wise
/// checks) or a random direction through the whole tensor (directional checks).
/// </summary>
internal abstract class Perturbation
{
    /// <summary>The step h for this perturbation, before rounding to the layer's type.</summary>
    public abstract double Step { get; }

    /// <summary>
    /// Moves the values by <paramref name="offset"/> along the direction. Returns the displacement really applied, as
    /// the step taken (exact in the layer's type) and the analytic gradient's prediction of the objective's change.
    /// </summary>
    public abstract Displacement Apply(double offset);

    /// <summary>Puts back the exact original bits.</summary>
    public abstract void Reset();

    /// <summary>
    /// The first moved value that no longer holds what <see cref="Apply"/> wrote (the forward pass changed it), or −1.
    /// Called between the evaluation and <see cref="Reset"/>, which would otherwise hide the change.
    /// </summary>
    public abstract int FirstOverwritten();

    /// <summary>The analytic derivative when it is known exactly (an element's own gradient); null for a direction.</summary>
    public virtual double? ExactAnalytic => null;

    /// <summary>What is moved, for messages: <c>W[2,0]</c>, or <c>W along a random direction</c>.</summary>
    public abstract string Describe(string tensor, IReadOnlyList<int> shape);

    /// <summary>The unperturbed value of what is moved, for messages; NaN for a direction.</summary>
    public virtual double Origin => double.NaN;
}

/// <param name="Step">The signed step really taken along the direction.</param>
/// <param name="Predicted">&lt;g, actual displacement&gt;: what the analytic gradient says the objective changes by.</param>
internal readonly record struct Displacement(double Step, double Predicted);

/// <summary>Moves one element.</summary>
internal sealed class ElementPerturbation<T> : Perturbation where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _data = [];
    private int _index;
    private T _original, _moved;
    private double _x, _g, _step;

    /// <summary>Points the perturbation at element <paramref name="index"/>, whose analytic derivative is <paramref name="g"/>.</summary>
    public ElementPerturbation<T> At(T[] data, int index, double g, double step)
    {
        _data = data;
        _index = index;
        _original = data[index];
        _x = double.CreateTruncating(_original);
        _g = g;
        _step = step;
        return this;
    }

    public override double Step => _step;

    public override double? ExactAnalytic => _g;

    public override Displacement Apply(double offset)
    {
        T moved = T.CreateTruncating(_x + offset);
        _data[_index] = moved;
        _moved = moved;
        double step = double.CreateTruncating(moved) - _x;
        return new Displacement(step, _g * step);
    }

    public override int FirstOverwritten() => _data[_index].Equals(_moved) ? -1 : _index;

    public override void Reset() => _data[_index] = _original;

    public override string Describe(string tensor, IReadOnlyList<int> shape) => tensor + ShapeMath.Format(ShapeMath.Unravel(shape, _index));

    public override double Origin => _x;
}

/// <summary>
/// Moves every element of a tensor along a direction d: a seeded random one (standard normal entries), or one given
/// (the tensor's gradient, for a Taylor test).
/// </summary>
internal sealed class DirectionPerturbation<T> : Perturbation where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;
    private readonly T[] _original;
    private readonly double[] _direction;
    private readonly T[] _analytic;
    private readonly double _step;
    private readonly string _name;
    private double _offset;

    /// <param name="original">A copy of <paramref name="data"/> taken earlier, kept instead of a new one if it still holds its bits.</param>
    public DirectionPerturbation(T[] data, T[] analytic, Rng rng, double step, T[]? original = null)
        : this(data, analytic, data.Select(_ => rng.NextNormal()).ToArray(), step, "a random direction", original)
    {
    }

    /// <param name="direction">The direction, any length but not zero; it is scaled to unit length.</param>
    /// <param name="name">What the direction is, for messages: "its gradient".</param>
    /// <param name="original">A copy of <paramref name="data"/> taken earlier, kept instead of a new one if it still holds its bits.</param>
    public DirectionPerturbation(T[] data, T[] analytic, double[] direction, double step, string name, T[]? original = null)
    {
        _data = data;
        _original = BitExact.CopyOf(data, original);
        _direction = direction;
        _analytic = analytic;
        _name = name;
        double normSquared = 0;
        for (int i = 0; i < data.Length; i++)
        {
            normSquared += _direction[i] * _direction[i];
        }

        // Unit length: the step then means the same distance as an element-wise step.
        double norm = Math.Sqrt(normSquared);
        for (int i = 0; i < data.Length; i++)
        {
            _direction[i] /= norm;
        }

        _step = step;
    }

    /// <summary>Σ |gᵢ·dᵢ|: the scale of the rounding in the analytic directional derivative &lt;g, d&gt;.</summary>
    public double AnalyticMagnitude
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < _direction.Length; i++)
            {
                sum += Math.Abs(double.CreateTruncating(_analytic[i]) * _direction[i]);
            }

            return sum;
        }
    }

    public override double Step => _step;

    public override Displacement Apply(double offset)
    {
        double predicted = 0;
        _offset = offset;
        for (int i = 0; i < _data.Length; i++)
        {
            double x = double.CreateTruncating(_original[i]);
            T moved = T.CreateTruncating(x + (offset * _direction[i]));
            _data[i] = moved;
            predicted += double.CreateTruncating(_analytic[i]) * (double.CreateTruncating(moved) - x);
        }

        return new Displacement(offset, predicted);
    }

    public override void Reset() => _original.AsSpan().CopyTo(_data);

    public override int FirstOverwritten()
    {
        for (int i = 0; i < _data.Length; i++)
        {
            if (!_data[i].Equals(T.CreateTruncating(double.CreateTruncating(_original[i]) + (_offset * _direction[i]))))
            {
                return i;
            }
        }

        return -1;
    }

    public override string Describe(string tensor, IReadOnlyList<int> shape) => $"{tensor} along {_name}";
}
