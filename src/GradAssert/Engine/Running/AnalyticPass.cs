using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// The analytic side of a check: one forward pass, the upstream gradient r, one backward pass, with the contract
/// probes around them. Everything it returns is a copy the layer cannot change later.
/// </summary>
internal sealed class AnalyticPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(T[] Live, T[] Copy)> _before;

    private AnalyticPass(string label, Tensor<T> upstream, Tensor<T> output, Gradients<T> gradients, StaleCacheProbe<T>? staleCache, List<(T[] Live, T[] Copy)> before)
    {
        _before = before;
        Label = label;
        Upstream = upstream;
        Output = output;
        ParameterGradients = gradients.Parameters;
        InputGradient = gradients.Input;
        StaleCache = staleCache;
    }

    /// <summary>The layer's label in the report.</summary>
    public string Label { get; }

    /// <summary>r, the upstream gradient; L = &lt;r, y&gt;.</summary>
    public Tensor<T> Upstream { get; }

    /// <summary>y0, the unperturbed output.</summary>
    public Tensor<T> Output { get; }

    /// <summary>dL/dθ per parameter, in the layer's parameter order.</summary>
    public T[][] ParameterGradients { get; }

    /// <summary>dL/dx, or null when the layer says its input is not differentiable.</summary>
    public Tensor<T>? InputGradient { get; }

    /// <summary>The stale-cache probe, which decides after the comparisons; null when the contract is not probed.</summary>
    public StaleCacheProbe<T>? StaleCache { get; }

    /// <summary>
    /// The copy of <paramref name="live"/> (a parameter's values, or the input) taken before the pass, which the layer
    /// left unchanged through it; null for any other array. A later copy of the same bits can be this one.
    /// </summary>
    public T[]? Before(T[] live) => _before.Find(b => ReferenceEquals(b.Live, live)).Copy;

    /// <param name="check">The layer, its input, label and random stream; its fixed upstream gradient (the function form
    /// uses 1) or null to draw one; and the composite scope that notes the sub-layer calls of the forward pass on the input.</param>
    /// <param name="parameters">The layer's parameters as listed before any Forward.</param>
    /// <param name="originals">The check's snapshot: its copies serve as the pass's own where the bits are still the same.</param>
    public static AnalyticPass<T> Run(LayerUnderCheck<T> check, Parameter<T>[] parameters, GradCheckOptions options, StateSnapshot<T>? originals) =>
        new Runner(check, parameters, options, originals).Run();

    /// <summary>One analytic pass with its probes, in the order they run.</summary>
    private sealed class Runner
    {
        private readonly LayerUnderCheck<T> _check;
        private readonly Parameter<T>[] _parameters;
        private readonly GradCheckOptions _options;
        private readonly ContractProbe<T> _probe;
        private readonly T[][] _valuesBefore;
        private readonly T[] _inputBefore;
        private readonly bool _upstreamGiven;
        private Tensor<T>? _upstream;

        public Runner(LayerUnderCheck<T> check, Parameter<T>[] parameters, GradCheckOptions options, StateSnapshot<T>? originals)
        {
            _check = check;
            _parameters = parameters;
            _options = options;
            _probe = new ContractProbe<T>(check.Label, parameters);
            _probe.Finite(check.Input, "input", "input", ContractProbe<T>.InputOfTheCheck);
            foreach (var parameter in parameters)
            {
                _probe.Finite(parameter.Value, $"value of {parameter.Described}", parameter.Name, parameter.IsInput ? ContractProbe<T>.InputOfTheCheck : ContractProbe<T>.ParameterBeforeTheCheck);
            }

            _upstream = check.Upstream;
            _upstreamGiven = _upstream is not null;
            _valuesBefore = parameters.Select(p => originals?.CopyOf(p.Value.Data) ?? (T[])p.Value.Data.Clone()).ToArray();
            _inputBefore = (T[])check.Input.Data.Clone();
        }

        public AnalyticPass<T> Run()
        {
            var (layer, input, label) = (_check.Layer, _check.Input, _check.Label);

            // The first Forward the checker makes is on another input, so that a layer whose cache keeps its first input
            // gives itself away.
            var staleCache = _options.ProbeContract ? StaleCacheProbe<T>.Start(layer, label, input, _probe, _check.Rng, Upstream, Backward) : null;
            if (staleCache is not null)
            {
                LayerAccess.RequireSameParameters(layer, label, _parameters, "after its first Forward");
            }

            var (output, r) = Forward();
            if (_options.ProbeContract)
            {
                // A forward that changes its own parameters also gives another output the next time: say which it is.
                _probe.ParametersUnchanged(_valuesBefore);
                _probe.Deterministic(output, LayerAccess.Forward(layer, input, label, "during the determinism probe (the same input again)"), WhyNotRepeatable);
            }

            var gradients = Backward(input, "on the upstream gradient");
            _probe.ParametersUnchanged(_valuesBefore);
            staleCache?.CheckRepeat(input, output, gradients, Backward, _parameters);
            if (_options.ExpectAccumulation)
            {
                const string During = "during the accumulation probe";
                LayerAccess.Forward(layer, input, label, During);
                Backward(input, During);
                LayerAccess.Backward(layer, r.Clone(), label, During);
                _probe.Accumulates(gradients.Parameters);
            }

            List<(T[], T[])> before = [.. _parameters.Select((p, i) => (p.Value.Data, _valuesBefore[i])), (input.Data, _inputBefore)];
            return new AnalyticPass<T>(label, r, output, gradients, staleCache, before);
        }

        /// <summary>
        /// What makes Forward give another output for the same input, in words, or null when nothing the check can see:
        /// the hidden state one more Forward changes (a running mean, a counter), and the layer's own random generators,
        /// which a check cannot copy. Asked only once Forward has proved not repeatable.
        /// </summary>
        private string? WhyNotRepeatable()
        {
            var (layer, input, label) = (_check.Layer, _check.Input, _check.Label);
            const string During = "to find what Forward changes between calls";
            var roots = LayerAccess.UserObjects(layer);
            var kept = HiddenState<T>.KeptBy(_parameters);
            var before = HiddenState<T>.Capture(roots, kept, counters: true);
            var output = LayerAccess.Forward(layer, input, label, During).Clone();
            var after = HiddenState<T>.Capture(roots, kept, counters: true);
            var changed = after.ChangedSince(before).Take(8).ToArray();

            // The fields Forward reads back: with them as they were before the call, it gives that call's output again,
            // and with any one of them as it is now, another. The others are caches Forward rewrites on every call.
            bool Repeats(LayerField? moved)
            {
                before.Restore(f => changed.Any(c => c.Field == f && f != moved));
                after.Restore(f => f == moved);
                var again = LayerAccess.Forward(layer, input, label, During);
                return ShapeMath.SameShape(again.Shape, output.Shape) && BitExact.Same(again.Data, output.Data);
            }

            var state = changed.Length > 0 && Repeats(null) ? changed.Where(c => !Repeats(c.Field)).ToArray() : [];
            var generators = before.Generators;
            var words = new List<string>();
            if (state.Length > 0)
            {
                words.Add($"Forward changed {Prose.List(state.Select(c => c.Words).ToArray())} between two calls on the same input, and its output depends on {(state.Length == 1 ? "it" : "them")}");
            }

            words.AddRange(generators.Select(g => $"`{g.Owner}` draws from a random generator of its own (`{g.Name}`), which a check cannot copy"));
            if (words.Count == 0)
            {
                return null;
            }

            string owner = state.Length > 0 ? state[0].Field.Owner : generators[0].Owner;
            bool drawn = generators.Count > 0;
            return string.Join("; ", words) +
                $". Implement IStatefulLayer on `{owner}` (CaptureState and RestoreState: the checker puts its state back before every Forward), " +
                $"or pass new GradCheckOptions {{ ResetState = () => … }} to put it back{(drawn ? " and reseed the generator" : string.Empty)} yourself" +
                (drawn ? "; fixing the seed once is not enough while the generator lives across calls" : string.Empty) +
                ". Or check the layer in a mode where Forward changes nothing (evaluation mode).";
        }

        /// <summary>The forward pass on the check's input, noting a composite's sub-layer calls, with its probes; and r.</summary>
        private (Tensor<T> Output, Tensor<T> Upstream) Forward()
        {
            var (layer, input, label, recorder) = (_check.Layer, _check.Input, _check.Label, _check.Composite?.Recorder);
            var output = recorder is null
                ? LayerAccess.Forward(layer, input, label, "on the check's input")
                : recorder.While(() => LayerAccess.Forward(layer, input, label, "on the check's input"));
            LayerAccess.RequireSameParameters(layer, label, _parameters, "after its first Forward");
            _probe.InputUnchanged(_inputBefore, input);
            _probe.Finite(output, "output", "output", "a finite input");
            output = output.Clone();
            var r = Upstream(output.Shape);
            if (!ShapeMath.SameShape(r.Shape, output.Shape))
            {
                throw Contract.Broken(label,
                    $"Forward returned shape {ShapeMath.Format(output.Shape)} for one input and {ShapeMath.Format(r.Shape)} for another of the same shape {ShapeMath.Format(input.Shape)}; the output shape must follow the input shape.");
            }

            return (output, r);
        }

        /// <summary>The upstream gradient r for an output of <paramref name="shape"/>: the one given, or drawn on first use.</summary>
        private Tensor<T> Upstream(IReadOnlyList<int> shape)
        {
            // Given by output name for a layer with several outputs: each against its own output's shape.
            if (_upstreamGiven && SyncedLayer<T>.Unwrap(_check.Layer) is MultiTensorAdapter<T> named)
            {
                named.RequireUpstream();
            }

            if (_upstreamGiven && !ShapeMath.SameShape(_upstream!.Shape, shape))
            {
                throw new ArgumentException(
                    $"The upstream gradient given for layer '{_check.Label}' has shape {ShapeMath.Format(_upstream.Shape)}, but its Forward returned shape {ShapeMath.Format(shape)}: dL/d(output) must have the output's shape.",
                    "upstream");
            }

            return _upstream ??= Draw(_check.Rng, shape);
        }

        /// <summary>Zeroes the gradients, runs Backward of r after a Forward on <paramref name="input"/>, and copies what it gave.</summary>
        private Gradients<T> Backward(Tensor<T> input, string during)
        {
            foreach (var parameter in _parameters)
            {
                Array.Clear(parameter.Gradient.Data);
            }

            var label = _check.Label;
            var inputGradient = LayerAccess.Backward(_check.Layer, _upstream!.Clone(), label, during);
            if (inputGradient is not null)
            {
                _probe.GradientShape(inputGradient, input);
                _probe.Finite(inputGradient, "input gradient", "input", "a finite input and upstream gradient");
                inputGradient = inputGradient.Clone();
            }

            foreach (var parameter in _parameters)
            {
                _probe.Finite(parameter.Gradient, $"gradient of {parameter.Described}", parameter.Name, "a finite input and upstream gradient");
            }

            return new Gradients<T>(_parameters.Select(p => (T[])p.Gradient.Data.Clone()).ToArray(), inputGradient);
        }
    }

    private static Tensor<T> Draw(Rng rng, IReadOnlyList<int> shape)
    {
        var r = new Tensor<T>(shape.ToArray());
        for (int i = 0; i < r.Length; i++)
        {
            r.Data[i] = T.CreateTruncating(rng.NextNormal());
        }

        return r;
    }
}
