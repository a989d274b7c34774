using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// Re-checks, after each tensor's comparison, that nothing the check relies on has moved: the input and parameters
/// hold the bits they held when the comparisons started, and the unperturbed forward still gives the output the
/// numerical gradients were measured against. The contract probes at the start see only the first few calls; a forward
/// that drifts later (a counter, a running statistic, noise, a mutation from some call on) is caught here.
/// </summary>
internal sealed class DriftProbe<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _label;
    private readonly Objective<T> _objective;
    private readonly Func<Tensor<T>> _unperturbed;
    private readonly List<(string Kind, string Name, Tensor<T> Live, T[] Start)> _watched = [];

    /// <param name="label">The layer's label, for messages.</param>
    /// <param name="objective">Holds the output the comparisons measure against.</param>
    /// <param name="unperturbed">Runs the forward pass on the unperturbed input and parameters.</param>
    public DriftProbe(string label, Objective<T> objective, Func<Tensor<T>> unperturbed)
    {
        _label = label;
        _objective = objective;
        _unperturbed = unperturbed;
    }

    /// <summary>Watches <paramref name="tensor"/> from now on: it must hold these bits after every tensor's comparison.</summary>
    /// <param name="kind"><c>input</c> or <c>parameter</c>, for messages.</param>
    /// <param name="copy">A copy taken earlier, kept instead of a new one if the tensor still holds its bits.</param>
    public DriftProbe<T> Watch(string kind, string name, Tensor<T> tensor, T[]? copy = null)
    {
        if (!_watched.Any(w => ReferenceEquals(w.Live.Data, tensor.Data)))
        {
            _watched.Add((kind, name, tensor, BitExact.CopyOf(tensor.Data, copy)));
        }

        return this;
    }

    /// <summary>
    /// The bits <paramref name="live"/> held when it was first watched, which it holds still wherever <see cref="Require"/>
    /// has passed since; null if it is not watched. Nothing may write into it.
    /// </summary>
    public T[]? Start(T[] live) => _watched.Find(w => ReferenceEquals(w.Live.Data, live)).Start;

    /// <summary>Throws a contract error when the input, a parameter or the unperturbed output has moved.</summary>
    /// <param name="when">When the check looks, for the message: <c>after checking W</c>, <c>while checking W[2,0]</c>.</param>
    public void Require(string when)
    {
        foreach (var (kind, name, live, start) in _watched)
        {
            int i = Values.FirstDifference(start, live.Data);
            if (i >= 0)
            {
                string what = kind == "input" ? "its input" : $"parameter '{name}'";
                var (was, now) = Values.ShowApart(start[i], live.Data[i]);
                throw Contract.Broken(_label,
                    $"Forward changed {what} during the check: {name}{Index(live.Shape, i)} was {was} when the comparisons started and is {now} {when}. " +
                    "Forward must leave its input and parameters as it found them, on every call; apply updates in an optimizer step.");
            }
        }

        var output = _unperturbed();
        int changed = _objective.FirstChange(output);
        if (changed >= 0)
        {
            var (was, now) = changed < output.Length
                ? Values.ShowApart(_objective.BaseAt(changed), output.Data[changed])
                : (Values.Show(_objective.BaseAt(changed)), $"missing (the output has {output.Length} elements now)");
            throw Contract.Broken(_label,
                $"Forward drifted between calls: output{Index(_objective.Shape, changed)} was {was} at the start of the check and {now} {when}, for the same input and parameters. " +
                "A forward pass must not depend on how often it ran: reset counters, random generators and running statistics, or put the layer in evaluation mode, for the check.");
        }
    }

    private static string Index(IReadOnlyList<int> shape, int offset) => ShapeMath.Format(ShapeMath.Unravel(shape, offset));
}
