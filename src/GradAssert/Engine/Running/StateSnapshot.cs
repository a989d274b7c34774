using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// Copies of every array a check may touch (parameter values and gradients, the input), put back bit for bit by
/// <see cref="Restore"/>, which the engine calls in a <c>finally</c> so that user code throwing half-way loses nothing.
/// </summary>
internal sealed class StateSnapshot<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(T[] Live, T[] Copy)> _saved = [];

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

    public void Restore()
    {
        foreach (var (live, copy) in _saved)
        {
            copy.AsSpan().CopyTo(live);
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

        _saved.Add((live, (T[])live.Clone()));
    }
}
