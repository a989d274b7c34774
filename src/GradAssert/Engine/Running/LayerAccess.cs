using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// Every call the engine makes into a user's layer, checked: what the layer returns must be usable (a name, a list of
/// parameters without nulls, an output), and an exception it throws gains context (which layer, which call, during
/// which probe) but keeps its type and stack trace (<see cref="UserCode"/>).
/// </summary>
internal static class LayerAccess
{
    /// <summary>
    /// The running check: its cancellation token, for the calls made outside finite differences (the contract probes,
    /// the analytic pass, the activations a model records), which have no options at hand; and the parameters over the
    /// user's own storage as first listed. Flows into the check's tasks.
    /// </summary>
    private static readonly AsyncLocal<RunningCheck?> Running = new();

    /// <summary>Makes <paramref name="token"/> the running check's until the returned scope is disposed.</summary>
    public static IDisposable Enter(CancellationToken token)
    {
        var outer = Running.Value;
        Running.Value = new RunningCheck(token);
        return new Scope(() => Running.Value = outer);
    }

    /// <summary>
    /// The user's objects behind a layer as the engine calls it, whose hidden state a check keeps: the layer itself, or
    /// for the engine's adapters the user's layer they present (none for the function form).
    /// </summary>
    public static IReadOnlyList<object> UserObjects<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T> =>
        SyncedLayer<T>.Unwrap(layer) switch
        {
            IInputless adapter => adapter.Inner is { } inner ? [inner] : [],
            var user => [user],
        };

    /// <summary>The layer's name; a contract error names its type when the name is null or blank.</summary>
    public static string Name<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string type = LayerNames.Default(layer.GetType());
        string? name = UserCode.Run(() => layer.Name, () => $"Layer of type {type} threw from Name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new LayerContractException(
                $"A layer of type {type} breaks the layer contract. Its Name is {(name is null ? "null" : "blank")}; return a name for the report, or leave Name out: the default is the type's name.");
        }

        return name;
    }

    /// <summary>The name of a sub-layer a composite called: an <see cref="ILayer{T}"/> or an <see cref="IMultiTensorLayer{T}"/>.</summary>
    public static string Name<T>(LayerCall<T> call) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (call.Layer is ILayer<T> layer)
        {
            return Name(layer);
        }

        var multi = (IMultiTensorLayer<T>)call.Layer;
        string type = LayerNames.Default(multi.GetType());
        string? name = UserCode.Run(() => multi.Name, () => $"Layer of type {type} threw from Name");
        return string.IsNullOrWhiteSpace(name) ? type : name;
    }

    /// <summary>The parameters of a sub-layer a composite called (its own, not its inputs).</summary>
    public static Parameter<T>[] Parameters<T>(LayerCall<T> call, string label) where T : unmanaged, IFloatingPointIeee754<T> =>
        call.Layer is ILayer<T> layer ? Parameters(layer, label) : MultiTensorAdapter<T>.OwnParameters((IMultiTensorLayer<T>)call.Layer, label);

    /// <summary>The layer's parameters, copied; a contract error when the list or an entry is null.</summary>
    public static Parameter<T>[] Parameters<T>(ILayer<T> layer, string label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var list = UserCode.Run(() => layer.Parameters, () => $"Layer '{label}' threw from Parameters");
        if (list is null)
        {
            throw Contract.Broken(label, "Parameters returned null; return an empty list for a layer without parameters.");
        }

        var parameters = list.ToArray();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] is null)
            {
                throw Contract.Broken(label, $"Parameters[{i}] is null; every entry must be a Parameter (value and gradient buffer).");
            }

            // A parameter over the user's storage listed again as a new object (an expression-bodied Parameters) is the
            // one first listed: the engine perturbs its mirrors, which every call into the layer copies to the storage.
            if (parameters[i].Storage is not null && Running.Value is { } check)
            {
                parameters[i] = check.First(parameters[i]);
            }
        }

        return parameters;
    }

    /// <summary>
    /// Throws a contract error unless the layer still lists exactly <paramref name="expected"/> (the same objects in the
    /// same order): a layer that builds its parameters on its first Forward cannot be checked as it is.
    /// </summary>
    /// <param name="when">When it was found, for the message: <c>after its first Forward</c>.</param>
    public static void RequireSameParameters<T>(ILayer<T> layer, string label, Parameter<T>[] expected, string when)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var now = Parameters(layer, label);
        if (now.Length == expected.Length && now.Zip(expected).All(pair => Same(pair.First, pair.Second)))
        {
            return;
        }

        string change = Describe(expected) == Describe(now)
            ? $"it returned parameters over other storage ({Describe(now)}) than before"
            : $"it listed {Describe(expected)} before and {Describe(now)} after";
        throw Contract.Broken(label,
            $"Its Parameters changed {when}: {change}. " +
            "A layer that builds its parameters lazily, on its first Forward, must be built before the check: call Forward once first, or create the parameters in the constructor. Parameters may return new Parameter objects on every call (AsFrozen() in an expression-bodied property), but over the same tensors.");
    }

    /// <summary>
    /// True when two listings name the same parameter: the same name over the same value and gradient storage. Object
    /// identity does not matter: <c>Parameters => [W.AsFrozen(), B]</c> makes new objects on every call.
    /// </summary>
    public static bool Same<T>(Parameter<T> a, Parameter<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        ReferenceEquals(a, b) || (a.Name == b.Name && Equals(a.StorageKey, b.StorageKey) && Equals(a.GradientKey, b.GradientKey));

    /// <summary>Runs Forward; a contract error when it returns null, and context on what it throws.</summary>
    /// <param name="during">What the engine was doing, for messages: <c>during the determinism probe</c>.</param>
    public static Tensor<T> Forward<T>(ILayer<T> layer, Tensor<T> input, string label, string during) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Running.Value?.Token ?? default).ThrowIfCancellationRequested();
        var output = UserCode.Run(() => layer.Forward(input), () => $"Layer '{label}' threw from Forward {during}");
        return output ?? throw Contract.Broken(label, $"Forward returned null {during}; it must return the output tensor.");
    }

    /// <summary>Runs Backward, with context on what it throws.</summary>
    public static Tensor<T>? Backward<T>(ILayer<T> layer, Tensor<T> outputGradient, string label, string during) where T : unmanaged, IFloatingPointIeee754<T> =>
        UserCode.Run(() => layer.Backward(outputGradient), () => $"Layer '{label}' threw from Backward {during}");

    private static string Describe<T>(Parameter<T>[] parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        parameters.Length == 0 ? "no parameters"
            : $"{parameters.Length} ({string.Join(", ", parameters.Select(p => $"{p.Name} {ShapeMath.Format(p.Value.Shape)}"))})";

    /// <summary>What flows with a running check.</summary>
    private sealed class RunningCheck(CancellationToken token)
    {
        private readonly Lock _gate = new();
        private readonly List<object> _stored = [];

        public CancellationToken Token { get; } = token;

        /// <summary>
        /// The parameter over the same storage and name first listed in this check (frozen or not as
        /// <paramref name="parameter"/> is, over the same mirrors), or this one, now noted.
        /// </summary>
        public Parameter<T> First<T>(Parameter<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
        {
            lock (_gate)
            {
                var same = _stored.OfType<Parameter<T>>().Where(seen => Same(seen, parameter)).ToArray();
                if (same.FirstOrDefault(seen => seen.Frozen == parameter.Frozen) is { } first)
                {
                    return first;
                }

                var noted = same.Length > 0 ? same[0].WithFrozen(parameter.Frozen) : parameter;
                _stored.Add(noted);
                return noted;
            }
        }
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
