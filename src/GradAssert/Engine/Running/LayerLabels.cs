using System.Numerics;

namespace GradAssert.Engine.Running;

/// <summary>
/// The labels of a model's leaf layers, which rows and blame name them by: a layer's name, prefixed by the names of the
/// nested models around it and a <c>/</c> (<c>encoder/Dense</c>), with <c>#n</c> added when siblings share a name
/// (<c>Dense#1</c>, <c>Dense#2</c>). Labels are unique within a model whatever the names hold: the numbering skips any
/// label a sibling already goes by (<c>Dense</c>, <c>Dense</c>, <c>Dense#2</c> become <c>Dense#1</c>, <c>Dense#3</c>,
/// <c>Dense#2</c>), and a name with a <c>/</c> of its own (or starting with a quote) is quoted, its quotes doubled
/// (<c>"enc/Dense"</c>), so it cannot pass for a nested path.
/// </summary>
internal static class LayerLabels
{
    /// <summary>The leaf layers of <paramref name="model"/> in order, each with its label.</summary>
    /// <param name="containers">Receives the model and the models nested in it, which a check must hold too.</param>
    public static List<(string Label, ILayer<T> Layer)> Leaves<T>(Sequential<T> model, List<object> containers)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var leaves = new List<(string Label, ILayer<T> Layer)>();
        Flatten(model, string.Empty, leaves, containers);
        return leaves;
    }

    private static void Flatten<T>(Sequential<T> model, string prefix, List<(string Label, ILayer<T> Layer)> leaves, List<object> containers)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        containers.Add(model);
        var labels = Siblings(model.Layers.Select(l => Segment(LayerAccess.Name(l))).ToArray());
        for (int i = 0; i < labels.Length; i++)
        {
            if (model.Layers[i] is Sequential<T> nested)
            {
                Flatten(nested, prefix + labels[i] + "/", leaves, containers);
            }
            else
            {
                leaves.Add((prefix + labels[i], model.Layers[i]));
            }
        }
    }

    /// <summary>
    /// Sibling names made unique: a name no sibling shares stays as it is; names that siblings share are numbered
    /// #1, #2, … in order, skipping any number that would give a label a sibling already has or goes by.
    /// </summary>
    public static string[] Siblings(string[] names)
    {
        var taken = new HashSet<string>(names, StringComparer.Ordinal);
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (names.Count(n => n == name) == 1)
            {
                labels[i] = name;
                continue;
            }

            int k = next.GetValueOrDefault(name);
            string label;
            do
            {
                label = $"{name}#{++k}";
            }
            while (!taken.Add(label));

            next[name] = k;
            labels[i] = label;
        }

        return labels;
    }

    /// <summary>A name as one segment of a path: quoted, quotes doubled, when it holds a '/' or starts with a quote.</summary>
    public static string Segment(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.StartsWith('"')
            ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : name;

    /// <summary>
    /// The sub-layer calls a composite made, flattened in the order they ran (a call before the calls it made), each
    /// labelled by its path like a model's layers: the composite's own calls by their names, deeper ones prefixed by
    /// the label of the call that made them (<c>block2/attention</c>). A sub-layer called twice gets two labels.
    /// </summary>
    /// <param name="prefix">The label of the layer that made the calls, with its slash (empty at the top).</param>
    public static List<(string Label, LayerCall<T> Call, int Parent)> Calls<T>(IReadOnlyList<LayerCall<T>> calls, string prefix = "", int parent = -1, List<(string Label, LayerCall<T> Call, int Parent)>? into = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        into ??= [];
        var labels = Siblings(calls.Select(c => Segment(LayerAccess.Name(c))).ToArray());
        for (int i = 0; i < calls.Count; i++)
        {
            into.Add((prefix + labels[i], calls[i], parent));
            Calls(calls[i].Calls, prefix + labels[i] + "/", into.Count - 1, into);
        }

        return into;
    }
}
