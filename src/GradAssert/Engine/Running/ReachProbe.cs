using System.Globalization;
using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// Whether a parameter is what the layer reads, asked by setting its elements to NaN: an element the layer reads passes
/// the NaN on (or makes the layer throw), one it never reads changes not a single bit of the output. A row that compared
/// "ok" proves something only when its tensor moves the output: a whole tensor that moves nothing and whose gradient is
/// zero verified nothing (a parameter over padding, a copy, the wrong array), while some elements that move nothing (an
/// embedding's unused rows) are as they should be. A segment that starts one element off its data leaves a padding slot
/// at one end (it moves nothing, its gradient is zero) and the real element just outside the other end unchecked.
/// </summary>
internal sealed class ReachProbe<T>(string label, Objective<T> objective) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// A failing parameter none of whose elements moves the output has no bug in its backward pass: it is not the
    /// storage the layer reads, a contract error that says so.
    /// </summary>
    /// <param name="copy">A copy of the parameter's bits, put back from instead of a new one if it still holds them.</param>
    public void RequireReach(Parameter<T> parameter, Evaluator<T> tensor, TensorCheck row, T[]? copy)
    {
        if (row.AnalyticAtWorst != 0 && MovesNothing(tensor, 0, tensor.Data.Length, copy))
        {
            string at = ShapeMath.Format(row.WorstIndex);
            throw Contract.Broken(label,
                $"Changing {parameter.Name} does not change the output (not a single bit, with every element of {parameter.Name} set to NaN), but its analytic gradient is not zero ({parameter.Name}{at} is {Values.Show(T.CreateTruncating(row.AnalyticAtWorst))}): " +
                $"is {parameter.Name} the storage the layer reads? A Parameter must wrap the very array Forward reads (not a copy of it), or be made with Parameter<T>.Over(…) over the storage it reads.");
        }
    }

    /// <summary>
    /// Why a passing row of <paramref name="parameter"/> verified nothing, or null when it verified what it compared: its
    /// whole tensor moves no output while its gradient is zero, or its segment of an array looks one element off.
    /// </summary>
    /// <param name="owner">The tensor as the report names it: <c>SegmentDense.b</c>.</param>
    /// <param name="analytic">Its analytic gradient.</param>
    /// <param name="covered">Whether an element of an array lies in some parameter of the check (value or gradient).</param>
    /// <param name="copy">A copy of the parameter's bits, put back from instead of a new one if it still holds them.</param>
    public string? Unverified(string owner, Parameter<T> parameter, T[] analytic, Evaluator<T> tensor, Func<T[], int, bool> covered, T[]? copy)
    {
        // An output without elements is a problem of its own: nothing could move it.
        if (analytic.Length == 0 || objective.Length == 0)
        {
            return null;
        }

        string name = parameter.Name;
        if (analytic.All(T.IsZero) && MovesNothing(tensor, 0, analytic.Length, copy))
        {
            string fix = parameter.IsInput
                ? $"If the layer does not use input '{name}', give it with LayerInputs.Constant(\"{name}\", …)"
                : $"Is {name} the storage the layer reads? A Parameter must wrap the very array Forward reads (not a copy, not padding beside it), or be made with Parameter<T>.Over(…) over the storage it reads; if the layer does not use {name}, mark it frozen (.AsFrozen())";
            return $"{owner} verified nothing: with every element of {name} set to NaN not a single bit of the output changes, and its gradient is 0 everywhere, so finite differences and Backward agree on nothing but zeros. {fix}";
        }

        return parameter.Storage?.Region is var (array, offset, length) ? Shifted(owner, parameter, analytic, tensor, (array, offset, length), covered, copy) : null;
    }

    /// <summary>
    /// A segment one element off its data: the element at one end moves nothing and has gradient zero (padding), while the
    /// element just outside the other end, in no parameter, moves the output (the real element, never checked).
    /// </summary>
    private string? Shifted(string owner, Parameter<T> parameter, T[] analytic, Evaluator<T> tensor, (T[] Array, int Offset, int Length) region, Func<T[], int, bool> covered, T[]? copy)
    {
        var (array, offset, length) = region;
        string name = parameter.Name;
        foreach (var (padding, outside, late) in new[] { (length - 1, offset - 1, true), (0, offset + length, false) })
        {
            if (outside < 0 || outside >= array.Length || !T.IsZero(analytic[padding]) || covered(array, outside)
                || !MovesNothing(tensor, padding, 1, copy) || MovesNothing(new Evaluator<T>(array, tensor.Evaluate), outside, 1, null))
            {
                continue;
            }

            var (from, to) = late ? (offset - 1, offset + length - 2) : (offset + 1, offset + length);
            return string.Create(CultureInfo.InvariantCulture,
                $"{owner} looks {(late ? "one element late" : "one element early")} in its array: {name}{ShapeMath.Format(ShapeMath.Unravel(parameter.Value.Shape, padding))} (element {offset + padding}) moves no output and its gradient is 0, " +
                $"while element {outside}, just {(late ? "before" : "after")} the segment and in no parameter, moves the output. The layer reads {name} from elements {from}..{to}, but the parameter covers {offset}..{offset + length - 1}, " +
                $"so the real {name}{ShapeMath.Format(ShapeMath.Unravel(parameter.Value.Shape, late ? 0 : length - 1))} was never checked: give Parameter<T>.Over(…) the segment the layer reads");
        }

        return null;
    }

    /// <summary>
    /// True when setting elements <paramref name="from"/>..<paramref name="from"/> + <paramref name="count"/> of the tensor
    /// to NaN changes not a single bit of the output. A layer that throws on the NaN reads the storage.
    /// </summary>
    private bool MovesNothing(Evaluator<T> tensor, int from, int count, T[]? copy)
    {
        var data = tensor.Data;
        var original = count == data.Length ? BitExact.CopyOf(data, copy) : data.AsSpan(from, count).ToArray();
        try
        {
            data.AsSpan(from, count).Fill(T.NaN);
            var output = tensor.Evaluate();

            // Read before the values are put back: the output may be the parameter's own storage.
            return output is not null && objective.FirstChange(output) < 0;
        }
        catch (Exception error) when (error is not LayerContractException and not OperationCanceledException)
        {
            return false; // it noticed the NaN, so it reads the storage
        }
        finally
        {
            original.AsSpan().CopyTo(data.AsSpan(from, count));
        }
    }
}
