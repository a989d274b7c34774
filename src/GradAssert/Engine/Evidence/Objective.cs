using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// The scalar L = &lt;r, y&gt; a check differentiates, measured relative to the unperturbed output y0:
/// <see cref="Project"/> returns Σ rᵢ(yᵢ − y0ᵢ), which is exact where an output did not move, so rounding noise comes
/// only from the outputs the perturbation really changed.
/// </summary>
internal sealed class Objective<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _upstream;
    private readonly T[] _base;

    /// <summary>The smallest output size the Taylor test's floors count (<see cref="FloorMagnitude"/>), fixed once: copies checked in parallel share it.</summary>
    private readonly double _floorSize;

    public Objective(Tensor<T> upstream, Tensor<T> baseOutput)
    {
        _upstream = new double[upstream.Length];
        for (int i = 0; i < _upstream.Length; i++)
        {
            _upstream[i] = double.CreateTruncating(upstream.Data[i]);
        }

        _base = (T[])baseOutput.Data.Clone();
        Shape = baseOutput.Shape;
        _floorSize = TypicalOutput(_base) / 16;
    }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of outputs.</summary>
    public int Length => _base.Length;

    /// <summary>The unperturbed output at <paramref name="offset"/>.</summary>
    public T BaseAt(int offset) => _base[offset];

    /// <summary>The first output whose bits differ from the unperturbed output, or −1 when every bit agrees.</summary>
    public int FirstChange(Tensor<T> output)
    {
        var y = output.Data;
        if (y.Length != _base.Length)
        {
            return 0;
        }

        for (int i = 0; i < y.Length; i++)
        {
            if (!y[i].Equals(_base[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first output that is NaN or infinite, or −1.</summary>
    public static int FirstNonFinite(Tensor<T> output)
    {
        var y = output.Data;
        for (int i = 0; i < y.Length; i++)
        {
            if (!T.IsFinite(y[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Marks the outputs that differ from the unperturbed ones, and keeps in <paramref name="slopes"/> the largest
    /// |Δyᵢ / step| seen for each: an estimate of how strongly the output responds to the perturbed value.
    /// </summary>
    public void MarkChanged(Tensor<T> output, bool[] mask, double[] slopes, double step)
    {
        var y = output.Data;
        for (int i = 0; i < mask.Length && i < y.Length; i++)
        {
            if (y[i] != _base[i])
            {
                // Beyond the edge of a domain (the log of a negative number) the output is NaN: it depends on the element,
                // but that reading has no slope, and a NaN slope would make every allowance built on it NaN, which no
                // error exceeds.
                mask[i] = true;
                double slope = Math.Abs((double.CreateTruncating(y[i]) - double.CreateTruncating(_base[i])) / step);
                slopes[i] = double.IsNaN(slope) ? slopes[i] : Math.Max(slopes[i], slope);
            }
        }
    }

    /// <summary>
    /// Σ |rᵢ|·min(|y0ᵢ|, max(1, slopeᵢ)) over the marked outputs: the size of the upstream-weighted terms a backward pass
    /// combines. A backward that forms y·(dy − Σdy·y) (softmax, sigmoid) works with output-sized terms, so bounded
    /// outputs count in full; an output that is large only because its input is (y = Wx with |x| = 1e160) responds
    /// with its slope, and its backward never forms an output-sized term.
    /// </summary>
    public double BackwardTerms(bool[] mask, double[] slopes)
    {
        double sum = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                sum += Math.Abs(_upstream[i]) * Math.Min(Math.Abs(double.CreateTruncating(_base[i])), Math.Max(1, slopes[i]));
            }
        }

        return sum;
    }

    /// <summary>
    /// Σ |rᵢ|·max(|y0ᵢ|, ȳ/16) over the marked outputs, ȳ the root mean square of the unperturbed output: the rounding
    /// scale of the Taylor test's floors. An output far smaller than a typical one was most likely made by cancelling
    /// terms of about the typical size (a dense unit whose inputs nearly cancel), and its differences carry their
    /// rounding, not its own; the sixteenth leaves the floors of ordinary outputs as they are.
    /// </summary>
    public double FloorMagnitude(bool[] mask)
    {
        double sum = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                sum += FloorTerm(i);
            }
        }

        return sum;
    }

    /// <summary>Output <paramref name="i"/>'s term of <see cref="FloorMagnitude"/>.</summary>
    public double FloorTerm(int i) => Math.Abs(_upstream[i]) * Math.Max(Math.Abs(double.CreateTruncating(_base[i])), _floorSize);

    /// <summary>The root mean square of <paramref name="output"/>, 0 when it is empty or not finite.</summary>
    private static double TypicalOutput(T[] output)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double y = double.CreateTruncating(output[i]);
            sum += y * y;
        }

        return output.Length == 0 || !double.IsFinite(sum) ? 0 : Math.Sqrt(sum / output.Length);
    }

    /// <summary>maxᵢ |rᵢ|·min(|y0ᵢ|, 1) over every output: the largest upstream-weighted term a backward may cancel.</summary>
    public double LargestTerm()
    {
        double largest = 0;
        for (int i = 0; i < _base.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(_upstream[i]) * Math.Min(Math.Abs(double.CreateTruncating(_base[i])), 1));
        }

        return largest;
    }

    /// <summary>Σ |rᵢ|·|y0ᵢ| over the marked outputs: their rounding scale, whether they moved or not.</summary>
    public double Magnitude(bool[] mask)
    {
        double sum = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                sum += Math.Abs(_upstream[i]) * Math.Abs(double.CreateTruncating(_base[i]));
            }
        }

        return sum;
    }

    /// <summary>Σ |rᵢ| over the marked outputs.</summary>
    public double UpstreamSum(bool[] mask)
    {
        double sum = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                sum += Math.Abs(_upstream[i]);
            }
        }

        return sum;
    }

    /// <summary>Whether <paramref name="value"/> at output <paramref name="i"/> differs from the unperturbed output, as <see cref="Project"/> decides.</summary>
    public bool Moved(int i, T value) => value != _base[i];

    /// <summary>rᵢ(yᵢ − y0ᵢ): output <paramref name="i"/>'s term of <see cref="Project"/>, computed exactly as there.</summary>
    public double Term(int i, T value) => _upstream[i] * (double.CreateTruncating(value) - double.CreateTruncating(_base[i]));

    /// <summary>Adds output <paramref name="i"/>'s term of <see cref="Project"/> (its change and its rounding scale), computed exactly as there.</summary>
    public void Accumulate(int i, T value, ref double sum, ref double scale, ref double change)
    {
        double now = double.CreateTruncating(value);
        double was = double.CreateTruncating(_base[i]);
        double r = _upstream[i];
        sum += r * (now - was);
        scale += Math.Abs(r) * Math.Max(Math.Abs(now), Math.Abs(was));
        change += Math.Abs(r * (now - was));
    }

    /// <summary>
    /// Adds output <paramref name="i"/>'s terms of <see cref="Magnitude"/>, <see cref="UpstreamSum"/> and
    /// <see cref="BackwardTerms"/> (with its <paramref name="slope"/>), each computed exactly as there.
    /// </summary>
    public void ResolutionTerms(int i, double slope, ref double magnitude, ref double upstream, ref double backward)
    {
        magnitude += Math.Abs(_upstream[i]) * Math.Abs(double.CreateTruncating(_base[i]));
        upstream += Math.Abs(_upstream[i]);
        backward += Math.Abs(_upstream[i]) * Math.Min(Math.Abs(double.CreateTruncating(_base[i])), Math.Max(1, slope));
    }

    /// <summary>
    /// Σ rᵢ(yᵢ − y0ᵢ), and in <paramref name="magnitude"/> Σ |rᵢ|·max(|yᵢ|, |y0ᵢ|) over the changed outputs:
    /// the scale of the rounding error the difference carries.
    /// </summary>
    public double Project(Tensor<T> output, out double magnitude, out double change)
    {
        var y = output.Data;
        if (y.Length != _base.Length)
        {
            throw new LayerContractException(
                $"The output has {y.Length} elements after a perturbation but {_base.Length} before (shape {ShapeMath.Format(Shape)}): Forward must keep its output shape.");
        }

        double sum = 0, scale = 0, moved = 0;
        for (int i = 0; i < y.Length; i++)
        {
            // Unchanged outputs add exactly nothing; a NaN compares unequal and makes the sum NaN, as it should.
            if (y[i] != _base[i])
            {
                double now = double.CreateTruncating(y[i]);
                double was = double.CreateTruncating(_base[i]);
                double r = _upstream[i];
                sum += r * (now - was);
                scale += Math.Abs(r) * Math.Max(Math.Abs(now), Math.Abs(was));
                moved += Math.Abs(r * (now - was));
            }
        }

        magnitude = scale;
        change = moved;
        return sum;
    }
}
