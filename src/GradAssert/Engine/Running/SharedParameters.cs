using System.Numerics;

namespace GradAssert.Engine.Running;

/// <summary>
/// Parameters that share storage: one <see cref="Parameter{T}"/> listed by two layers (an unrolled RNN), or two
/// parameters over one array (tied embeddings, each with a gradient buffer of its own). Perturbing the storage moves
/// every layer that reads it, so what its numerical gradient must match is the sum of the layers' partial gradients,
/// each gradient buffer counted once. Anything else is compared per parameter, as before.
/// </summary>
/// <param name="Members">Each use: the label of the layer that lists it, its position in the pass's gradients, the parameter.</param>
internal sealed record SharedParameters<T>(IReadOnlyList<(string Label, int Leaf, int Index, Parameter<T> Parameter)> Members)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The first use: its layer labels the row, and the suffix of the model from its layer is re-run.</summary>
    public (string Label, int Leaf, int Index, Parameter<T> Parameter) First => Members[0];

    /// <summary>True when more than one use shares the storage.</summary>
    public bool IsShared => Members.Count > 1;

    /// <summary>True when every use is the same <see cref="Parameter{T}"/> object (one gradient buffer).</summary>
    public bool OneObject => Members.All(m => ReferenceEquals(m.Parameter, First.Parameter));

    /// <summary>The labels of the other layers that use the storage, in order, without repeats.</summary>
    public IReadOnlyList<string> Others => Members.Select(m => m.Label).Distinct().Where(l => l != First.Label).ToArray();

    /// <summary>Groups the parameters of a check by the array their values live in, in order of first use.</summary>
    public static List<SharedParameters<T>> Group(IEnumerable<(string Label, int Leaf, int Index, Parameter<T> Parameter)> uses)
    {
        var groups = new List<List<(string, int, int, Parameter<T>)>>();
        foreach (var use in uses)
        {
            var group = groups.Find(g => Equals(g[0].Item4.StorageKey, use.Parameter.StorageKey));
            if (group is null)
            {
                groups.Add([use]);
            }
            else
            {
                group.Add(use);
            }
        }

        return groups.Select(g => new SharedParameters<T>(g)).ToList();
    }

    /// <summary>The analytic gradient of the storage: the sum of the uses' gradients, each gradient buffer once.</summary>
    /// <param name="gradients">The analytic pass's gradients, by position.</param>
    public T[] Gradient(T[][] gradients)
    {
        if (!IsShared)
        {
            return gradients[First.Index];
        }

        var sum = new T[First.Parameter.Value.Length];
        var counted = new List<object>();
        foreach (var (_, _, index, parameter) in Members)
        {
            if (counted.Any(buffer => Equals(buffer, parameter.GradientKey)))
            {
                continue;
            }

            counted.Add(parameter.GradientKey);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += gradients[index][i];
            }
        }

        return sum;
    }
}
