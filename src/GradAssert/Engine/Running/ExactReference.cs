using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Exact;

namespace GradAssert.Engine.Running;

/// <summary>
/// The exact reference over one layer check's rows (a layer with one input tensor, or with several named ones through
/// its <see cref="MultiTensorAdapter{T}"/>) (<see cref="GradCheckOptions.Reference"/> other than
/// <see cref="Reference.Differences"/>): the layer is carried to the dual type and verified against the check's own
/// analytic pass (<see cref="CarriedLayer{T}"/>), each row's tensor gets its exact derivatives
/// (<see cref="DualDerivatives{T}"/>), and <see cref="ExactRows{T}"/> settles the rows they confirm before differences
/// run and judges the others after them; of a model's end-to-end rows, those compared along directions stay with differences.
/// </summary>
internal static class ExactReference
{
    /// <summary>The seed of the verification's tangents: any fixed one, since values do not depend on tangents.</summary>
    private const int VerificationSeed = 24;

    /// <summary>
    /// The exact reference over one layer check (<see cref="ExactRows{T}"/>): the layer carried and verified once the
    /// analytic pass is known, or null under <see cref="Reference.Differences"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Under <see cref="Reference.Exact"/>, when the layer does not carry, saying why; for a model's end-to-end rows only
    /// when its layers are not checked alone (each layer's own check says it otherwise).
    /// </exception>
    /// <param name="objective">⟨r, y⟩ over the pass's output: its largest upstream-weighted term sets the backward's floor.</param>
    /// <param name="modelEndToEnd">
    /// Whether the rows are a model's end to end (<see cref="ModelChecker{T}"/>): those compared along directions then
    /// stay with differences unless they do not pass (<see cref="ModelRowsAlongDirectionsWhy"/>), since a parameter early
    /// in the model moves every later output and its exact derivatives would cost a dual pass per element; a model that
    /// does not carry leaves them all to differences (<see cref="ModelRowsWhy"/>, or its reason when its layers are not
    /// checked alone).
    /// </param>
    public static ExactRows<T>? For<T>(CheckSession<T> session, LayerUnderCheck<T> check, Parameter<T>[] parameters, AnalyticPass<T> pass, Objective<T> objective, bool modelEndToEnd = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mode = session.Options.Reference;
        if (mode == Reference.Differences)
        {
            return null;
        }

        var targets = Targets(session, check, parameters, pass);
        var (source, why) = targets.Count > 0 ? Source(check, pass) : (null, "it has no tensor to compare");
        bool saidByLayers = modelEndToEnd && session.Options.CheckLayers;

        // A model's layers, each checked alone, say why they do not carry; a model checked only end to end says it here.
        if (source is null && mode == Reference.Exact && targets.Count > 0 && !saidByLayers)
        {
            throw new ArgumentException($"Reference.Exact was asked for, but the exact reference does not apply to layer '{check.Label}': {why}.");
        }

        // The rounding of the largest upstream-weighted output term (ExactDerivatives.BackwardFloor), as differences count it.
        // A model that does not carry says so once where the layers behind its end-to-end rows say why in rows of their
        // own; checked only end to end, its rows give the reason.
        return new ExactRows<T>(mode, source, source is null && saidByLayers ? ModelRowsWhy : why, targets, Precision.Epsilon<T>() * objective.LargestTerm())
        {
            DirectionsWhy = modelEndToEnd ? ModelRowsAlongDirectionsWhy : null,
        };
    }

    /// <summary>Why a model's end-to-end rows are judged by differences when the model does not carry, as their <see cref="TensorCheck.Reference"/> says.</summary>
    public const string ModelRowsWhy = "a model's end-to-end rows; the exact reference judges each of its layers alone";

    /// <summary>Why a model's end-to-end row planned along directions (or by Taylor tests), which differences passed, is judged by them alone.</summary>
    public const string ModelRowsAlongDirectionsWhy = "a model's end-to-end row, which differences passed; the exact reference judges each of its layers alone";

    /// <summary>The carried layer's exact source, or why there is none.</summary>
    private static (DualDerivatives<T>? Source, string? Why) Source<T>(LayerUnderCheck<T> check, AnalyticPass<T> pass)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var user = SyncedLayer<T>.Unwrap(check.Layer);
        if (user is MultiTensorAdapter<T> adapter)
        {
            var (layer, inputs, inputParameters, shapes) = adapter.ExactView();
            if (shapes is null)
            {
                return (null, "its outputs' shapes are not known");
            }

            var outputs = Split(pass.Output, shapes);
            var upstream = Split(pass.Upstream, shapes);
            int own = pass.ParameterGradients.Length - inputParameters.Count(p => p >= 0);
            var inputGradients = inputParameters.Select((p, k) => p < 0 ? null : new Tensor<T>([.. inputs[k].Shape], pass.ParameterGradients[p])).ToArray();
            var plain = new PlainRun<T>(outputs, upstream, inputGradients, pass.ParameterGradients[..own]);
            var carried = CarriedLayer<T>.Of(layer, inputs, plain, VerificationSeed);
            return carried.Dual is { } dual ? (new DualDerivatives<T>(dual, inputs, upstream), null) : (null, carried.Reason);
        }

        if (user is IInputless)
        {
            return (null, "its inputs are not a tensor the exact reference can seed");
        }

        var single = new PlainRun<T>([pass.Output], [pass.Upstream], [pass.InputGradient], pass.ParameterGradients);
        var carriedSingle = CarriedLayer<T>.Of(user, [check.Input], single, VerificationSeed);
        return carriedSingle.Dual is { } dualSingle ? (new DualDerivatives<T>(dualSingle, [check.Input], [pass.Upstream]), null) : (null, carriedSingle.Reason);
    }

    /// <summary>A flat tensor of several outputs, cut back into them.</summary>
    private static Tensor<T>[] Split<T>(Tensor<T> flat, int[][] shapes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parts = new Tensor<T>[shapes.Length];
        for (int k = 0, offset = 0; k < shapes.Length; k++)
        {
            parts[k] = new Tensor<T>(shapes[k]);
            Array.Copy(flat.Data, offset, parts[k].Data, 0, parts[k].Length);
            offset += parts[k].Length;
        }

        return parts;
    }

    /// <summary>
    /// The tensor behind each row, in the order the check made them: each parameter group not frozen (its first
    /// member, unless it is tied over storage of its own, whose mirrors the dual layer cannot seed together), then the input.
    /// </summary>
    private static List<(DualTensor? Tensor, T[] Analytic, string? Why)> Targets<T>(CheckSession<T> session, LayerUnderCheck<T> check, Parameter<T>[] parameters, AnalyticPass<T> pass)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var targets = new List<(DualTensor?, T[], string?)>();
        foreach (var group in SharedParameters<T>.Group(parameters.Select((parameter, p) => (check.Label, 0, p, parameter))))
        {
            if (group.Members.Any(m => session.IsFrozen(m.Parameter)))
            {
                continue;
            }

            var (_, _, index, parameter) = group.First;
            bool seedable = group.OneObject || parameter.Storage is null;
            var tensor = !seedable ? (DualTensor?)null
                : parameter.IsInput && SyncedLayer<T>.Unwrap(check.Layer) is MultiTensorAdapter<T> adapter ? DualTensor.Input(Array.IndexOf(adapter.ExactView().InputParameters, index))
                : DualTensor.Parameter(index);
            targets.Add((tensor, group.Gradient(pass.ParameterGradients), seedable ? null : "a parameter tied over storage of its own"));
        }

        if (pass.InputGradient is not null && check.Input.Length > 0)
        {
            targets.Add((DualTensor.Input(0), pass.InputGradient.Data, null));
        }

        return targets;
    }
}
