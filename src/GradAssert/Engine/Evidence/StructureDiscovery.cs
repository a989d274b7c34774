using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// Guesses, per axis of a tensor, how far apart two elements must be along that axis before they move disjoint outputs:
/// 1 for an axis whose elements never share an output (the batch rows of an input, the output units of a dense
/// weight), the kernel's extent for a convolution's spatial axes, the axis' size when every element along it shares
/// outputs (a dense weight's input axis, a softmax). It moves a few elements on a line through the middle of the
/// tensor, one at a time, and sees which outputs each moves. This is a guess only: every group built from it is
/// verified output by output (<see cref="GroupedDifferences{T}"/>), and anything it got wrong falls back.
/// </summary>
internal static class StructureDiscovery
{
    /// <summary>The farthest distance probed along an axis; elements that interact farther apart make the axis fixed.</summary>
    public const int Reach = 6;

    /// <summary>
    /// The separation of each axis (elements whose coordinates agree modulo it on every axis move disjoint outputs, as
    /// far as the probes can tell), or null when the probes could not run (the layer gave no output, or one of another shape).
    /// </summary>
    /// <param name="label">The tensor probed, its shape, and what messages call it.</param>
    public static int[]? Separations<T>(Stepping stepping, Objective<T> objective, Evaluator<T> copy, TensorLabel label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = label.Shape;
        int rank = shape.Count;
        var strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        int middle = 0;
        for (int d = 0; d < rank; d++)
        {
            middle += shape[d] / 2 * strides[d];
        }

        var separations = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int size = shape[d];
            if (size <= 1)
            {
                separations[d] = 1;
                continue;
            }

            int length = Math.Min(size, Reach + 1);
            int start = Math.Clamp((shape[d] / 2) - (length / 2), 0, size - length);
            int line = middle - (shape[d] / 2 * strides[d]) + (start * strides[d]);
            var moved = new int[length][];
            for (int t = 0; t < length; t++)
            {
                var outputs = MovedOutputs(stepping, objective, copy, label, line + (t * strides[d]));
                if (outputs is null)
                {
                    return null;
                }

                moved[t] = outputs;
            }

            int farthest = 0;
            for (int a = 0; a < length; a++)
            {
                for (int b = a + 1; b < length; b++)
                {
                    if (b - a > farthest && Intersect(moved[a], moved[b]))
                    {
                        farthest = b - a;
                    }
                }
            }

            // Interaction at the edge of the probe may reach farther than it looked: then every element along the axis
            // is kept apart.
            separations[d] = farthest == length - 1 && length < size ? size : farthest + 1;
        }

        return separations;
    }

    /// <summary>
    /// The outputs that moved, in order, when element <paramref name="index"/> alone moved by +h or by −h (a maximum
    /// that falls below a tied neighbour moves only one way); null if the forward gave no output or one of another size
    /// (element by element, the same forward is named). What the layer throws is thrown, with the element it moved.
    /// </summary>
    private static int[]? MovedOutputs<T>(Stepping stepping, Objective<T> objective, Evaluator<T> copy, TensorLabel label, int index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = copy.Data;
        T original = data[index];
        double x = double.CreateTruncating(original);
        double h = stepping.For<T>(x);
        var moved = new SortedSet<int>();
        stepping.Cancellation.ThrowIfCancellationRequested();
        try
        {
            foreach (double offset in (ReadOnlySpan<double>)[h, -h])
            {
                data[index] = T.CreateTruncating(x + offset);
                var output = UserCode.Run(
                    copy.Evaluate,
                    () => $"Layer '{label.Layer}' threw from Forward while finite differences probed which outputs {label.Element(index)} moves (moved by {Contract.Show(offset)})");
                if (output is null || output.Length != objective.Length)
                {
                    return null;
                }

                for (int i = 0; i < output.Length; i++)
                {
                    if (objective.Moved(i, output.Data[i]))
                    {
                        moved.Add(i);
                    }
                }

                data[index] = original;
            }

            return [.. moved];
        }
        finally
        {
            data[index] = original;
        }
    }

    private static bool Intersect(int[] a, int[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }
}
