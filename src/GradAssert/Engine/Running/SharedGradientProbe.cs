using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Running;

/// <summary>The probe for layers of a model that share one gradient buffer: each must add its part to it.</summary>
internal static class SharedGradientProbe
{
    /// <summary>
    /// Layers that share one gradient buffer (one <see cref="Parameter{T}"/> object) must each add their part to it:
    /// one that assigns keeps only its own part, and the model's gradient is wrong though every layer passes alone.
    /// Each such layer runs Forward once and Backward twice here; its part of the shared gradient must double.
    /// </summary>
    public static void Run<T>(List<(string Label, ILayer<T> Layer)> leaves, Tensor<T>[] activations, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var users = new List<(object Key, List<(int Leaf, Parameter<T> Parameter)> Uses)>();
        for (int k = 0; k < leaves.Count; k++)
        {
            foreach (var parameter in LayerAccess.Parameters(leaves[k].Layer, leaves[k].Label))
            {
                var entry = users.Find(u => Equals(u.Key, parameter.GradientKey));
                if (entry.Key is null)
                {
                    users.Add((parameter.GradientKey, [(k, parameter)]));
                }
                else if (!entry.Uses.Any(u => u.Leaf == k))
                {
                    entry.Uses.Add((k, parameter));
                }
            }
        }

        const string During = "during the shared-gradient probe";
        foreach (var (_, uses) in users.Where(u => u.Uses.Count > 1))
        {
            foreach (var (k, shared) in uses)
            {
                var (label, leaf) = leaves[k];
                string name = shared.Name;
                var buffer = shared.Gradient.Data;
                var parameters = LayerAccess.Parameters(leaf, label);
                var output = LayerAccess.Forward(leaf, activations[k].Clone(), label, During);
                var rng = Rng.For(options.ResolvedSeed, Rng.Mix(Rng.Hash("shared:" + label), (ulong)k));
                var upstream = new Tensor<T>(output.Shape.ToArray());
                for (int i = 0; i < upstream.Length; i++)
                {
                    upstream.Data[i] = T.CreateTruncating(rng.NextNormal());
                }

                foreach (var parameter in parameters)
                {
                    Array.Clear(parameter.Gradient.Data);
                }

                LayerAccess.Backward(leaf, upstream.Clone(), label, During);
                var once = (T[])buffer.Clone();
                LayerAccess.Backward(leaf, upstream.Clone(), label, During);
                var twice = once.Select(v => v + v).ToArray();
                int at = Values.FirstMismatch(twice, buffer);
                if (at >= 0)
                {
                    string others = string.Join(" and ", uses.Where(u => u.Leaf != k).Select(u => leaves[u.Leaf].Label));
                    throw Contract.Broken(label,
                        $"Backward assigns the gradient of '{name}' instead of adding to it, but {name} is shared with {others} (one Parameter, one gradient buffer): after two Backward calls {name}[{at}] holds {Values.Show(buffer[at])}, not twice one call's {Values.Show(once[at])}. " +
                        "Each layer that uses a shared parameter must add (+=) its part to Parameter.Gradient, or the model's gradient keeps only the last layer's part.");
                }
            }
        }
    }
}
