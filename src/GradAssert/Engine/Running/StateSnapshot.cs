using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Running;

/// <summary>
/// Copies of every array a check may touch (parameter values and gradients, the input), put back bit for bit by
/// <see cref="Restore"/>, which the engine calls in a <c>finally</c> so that user code throwing half-way loses nothing.
/// An array of zero bits only (a fresh or zeroed gradient) is remembered as such, not copied.
/// </summary>
internal sealed class StateSnapshot<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(T[] Live, T[]? Copy)> _saved = [];

    public StateSnapshot(IEnumerable<Parameter<T>> parameters, params Tensor<T>[] tensors)
    {
        foreach (var parameter in parameters)
        {
            Save(parameter.Value.Data);
            Save(parameter.Gradient.Data);
        }

        foreach (var tensor in tensors)
        {
            Save(tensor.Data);
        }
    }

    /// <summary>
    /// The copy saved of <paramref name="live"/> if it still holds the same bits, to serve as a later copy of them (it
    /// never changes); null otherwise.
    /// </summary>
    public T[]? CopyOf(T[] live)
    {
        foreach (var (saved, copy) in _saved)
        {
            if (ReferenceEquals(saved, live))
            {
                return copy is not null && BitExact.Same(copy, live) ? copy : null;
            }
        }

        return null;
    }

    public void Restore()
    {
        foreach (var (live, copy) in _saved)
        {
            if (copy is null)
            {
                Array.Clear(live);
            }
            else
            {
                copy.AsSpan().CopyTo(live);
            }
        }
    }

    private void Save(T[] live)
    {
        foreach (var (saved, _) in _saved)
        {
            if (ReferenceEquals(saved, live))
            {
                return;
            }
        }

        _saved.Add((live, BitExact.Zero(live) ? null : (T[])live.Clone()));
    }
}
