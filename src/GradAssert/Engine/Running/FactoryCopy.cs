using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Running;

/// <summary>
/// A copy of the layer under check built by <see cref="GradCheckOptions.LayerFactory"/>, for the extra threads of a
/// parallel check of a layer that cannot clone itself. The factory builds the whole layer or model again; the copy is
/// the leaf with the same label, and it is used only if it is the same layer: the same parameters (names, shapes and
/// bits, in storage of its own) and the same output bits on the check's input.
/// </summary>
internal static class FactoryCopy
{
    /// <summary>An independent copy of <paramref name="layer"/>, labelled <paramref name="label"/> in the check.</summary>
    /// <exception cref="LayerContractException">The factory built something else.</exception>
    public static ILayer<T> Build<T>(ILayer<T> layer, Parameter<T>[] parameters, Tensor<T> input, string label, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var factory = options.LayerFactory!;
        var built = UserCode.Run(factory, () => $"GradCheckOptions.LayerFactory threw while building a copy of '{label}' for a parallel check");
        var copy = built switch
        {
            Sequential<T> model when layer is not Sequential<T> => LayerLabels.Leaves(model, []).FirstOrDefault(leaf => leaf.Label == label).Layer,
            ILayer<T> same => same,
            _ => null,
        } ?? throw Broken(label, $"it built {Describe(built)}, which is not a {typeof(ILayer<T>).Name[..^2]}<{Precision.Name<T>()}> with a layer labelled '{label}'");
        if (ReferenceEquals(copy, layer))
        {
            throw Broken(label, "it returned the layer under check itself");
        }

        var copied = LayerAccess.Parameters(copy, label);
        for (int p = 0; p < Math.Max(parameters.Length, copied.Length); p++)
        {
            if (p >= parameters.Length || p >= copied.Length || parameters[p].Name != copied[p].Name || !Values.SameValues(parameters[p].Value.Data, copied[p].Value.Data))
            {
                throw Broken(label, $"its copy has other parameters than the layer under check (names, shapes or values differ at parameter {p})");
            }

            if (ReferenceEquals(parameters[p].Value.Data, copied[p].Value.Data))
            {
                throw Broken(label, $"its copy shares the storage of parameter '{parameters[p].Name}' with the layer under check");
            }
        }

        var expected = LayerAccess.Forward(layer, input, label, "to compare it with the LayerFactory's copy");
        var actual = LayerAccess.Forward(copy, input.Clone(), label, "the LayerFactory's copy, on the check's input");
        if (!Values.SameValues(expected.Data, actual.Data))
        {
            throw Broken(label, "its copy gives other output bits than the layer under check on the check's input");
        }

        return copy;
    }

    private static string Describe(object? built) => built is null ? "null" : $"a {built.GetType().Name}";

    private static LayerContractException Broken(string label, string problem) => Contract.Broken(label,
        $"GradCheckOptions.LayerFactory must build the same layer or model again (the same parameters bit for bit, in storage of its own), for the extra threads of a parallel check, but {problem}.");
}
