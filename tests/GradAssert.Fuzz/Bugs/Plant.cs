namespace GradAssert.Fuzz.Bugs;

/// <summary>
/// The broken variants the kinds use. A gradient is scaled by 1.01 in double and 1.03 in float (<see cref="Factor{T}"/>):
/// small enough to be the error a hand-written backward really makes, large enough that a check at that precision is
/// expected to see it.
/// </summary>
internal static class Plant
{
    /// <summary>1.03 for float, 1.01 for double.</summary>
    public static double Factor<T>() where T : unmanaged, IFloatingPointIeee754<T> => typeof(T) == typeof(float) ? 1.03 : 1.01;

    /// <summary><c>{tensor}-scaled</c>: the whole gradient of <paramref name="tensor"/> times <see cref="Factor{T}"/>.</summary>
    /// <param name="tensor">A parameter's name, or the input's (<c>input</c>, or a named input of a multi-tensor layer).</param>
    public static Bug<T> Scaled<T>(string tensor) where T : unmanaged, IFloatingPointIeee754<T> =>
        new($"{tensor}-scaled", (subject, _) => subject switch
        {
            LayerSubject<T> s => s with { Layer = new ScaledTensorGradient<T>(s.Layer, tensor, Factor<T>()) },
            MultiTensorSubject<T> s => s with { Layer = new ScaledMultiTensorGradient<T>(s.Layer, tensor, Factor<T>()) },
            _ => throw new ArgumentException($"No way to scale {tensor} of a {subject.GetType().Name}.", nameof(subject)),
        });

    /// <summary>
    /// <c>{tensor}-one-element-x{factor}</c>: one element of <paramref name="tensor"/>'s gradient times
    /// <paramref name="factor"/>, the element drawn from the case (<c>element</c>, uniform over the tensor).
    /// </summary>
    public static Bug<T> ScaledElement<T>(string tensor, double factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(string.Create(CultureInfo.InvariantCulture, $"{tensor}-one-element-x{factor}"), (subject, c) =>
        {
            var s = (LayerSubject<T>)subject;
            int length = tensor == "input" ? s.Input.Length : s.Layer.Parameters.Single(p => p.Name == tensor).Value.Length;
            return s with { Layer = new ScaledTensorGradient<T>(s.Layer, tensor, factor, c.Dim("element", 0, length - 1)) };
        });

    /// <summary>
    /// <c>{name}</c>: the <paramref name="index"/>-th layer of the checked <see cref="Sequential{T}"/> has
    /// <paramref name="tensor"/>'s gradient scaled by <see cref="Factor{T}"/>.
    /// </summary>
    public static Bug<T> ScaledInside<T>(string name, int index, string tensor) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, (subject, _) =>
        {
            var s = (LayerSubject<T>)subject;
            var model = (Sequential<T>)s.Layer;
            var layers = model.Layers.ToArray();
            layers[index] = new ScaledTensorGradient<T>(layers[index], tensor, Factor<T>());
            return s with { Layer = new Sequential<T>(model.Name, layers) };
        });

    /// <summary><c>{name}</c>: the layer replaced by a broken one made from the correct case (same input).</summary>
    public static Bug<T> Replaced<T>(string name, Func<LayerSubject<T>, ILayer<T>> broken) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, (subject, _) =>
        {
            var s = (LayerSubject<T>)subject;
            return s with { Layer = broken(s) };
        });
}
