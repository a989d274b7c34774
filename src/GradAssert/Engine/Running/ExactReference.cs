using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Exact;

namespace GradAssert.Engine.Running;

/// <summary>
/// The exact reference over one layer check's rows (a layer with one input tensor, or with several named ones through
/// its <see cref="MultiTensorAdapter{T}"/>) (<see cref="GradCheckOptions.Reference"/> other than
/// <see cref="Reference.Differences"/>): the layer is carried to the dual type and verified against the check's own
/// analytic pass (<see cref="CarriedLayer{T}"/>), each row's tensor gets its exact derivatives
/// (<see cref="DualDerivatives{T}"/>), and the row is judged again. Exact and the backward disagreeing only in a row
/// where differences found kinks is left to the kink and tie opinions (a valid subgradient is not a bug); anywhere else
/// a disagreement beyond rounding fails the row under <see cref="Reference.Exact"/>, <see cref="Reference.Auto"/> and
/// <see cref="Reference.Both"/>. Agreement passes it under <see cref="Reference.Exact"/>, and under
/// <see cref="Reference.Auto"/> unless differences proved the row wrong. Differences still run first for every row.
/// </summary>
internal static class ExactReference
{
    /// <summary>The seed of the verification's tangents: any fixed one, since values do not depend on tangents.</summary>
    private const int VerificationSeed = 24;

    /// <summary>
    /// Judges <paramref name="rows"/> (one per parameter group not frozen, in the order the check compared them, then
    /// the input's) again with the exact reference, in place.
    /// </summary>
    public static void Judge<T>(CheckSession<T> session, LayerUnderCheck<T> check, Parameter<T>[] parameters, AnalyticPass<T> pass, List<TensorCheck> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mode = session.Options.Reference;
        if (mode == Reference.Differences || rows.Count == 0)
        {
            return;
        }

        var targets = Targets(session, check, parameters, pass);
        var (source, why) = targets.Count == rows.Count ? Source(check, pass) : (null, "the rows of this check could not be matched to its tensors");
        if (source is null && mode == Reference.Exact)
        {
            throw new ArgumentException($"Reference.Exact was asked for, but the exact reference does not apply to layer '{check.Label}': {why}.");
        }

        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (source is null || targets[r].Tensor is not { } tensor)
            {
                rows[r] = row.WithReference($"differences: {why ?? targets[r].Why}");
                continue;
            }

            var analytic = targets[r].Analytic;
            ExactDerivatives exact;
            try
            {
                exact = source.Of(tensor) with { BackwardFloor = BackwardFloor(pass) };
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                rows[r] = row.WithReference($"differences: its Forward at the dual type threw {error.GetType().Name} in the exact passes");
                continue;
            }

            int disagreements = 0, worst = 0;
            double worstRatio = -1, threshold = double.PositiveInfinity;
            for (int i = 0; i < analytic.Length; i++)
            {
                double g = double.CreateTruncating(analytic[i]);
                double allowance = exact.Allowance(i, g);
                double ratio = Math.Abs(g - exact.Derivatives[i]) / allowance;
                disagreements += ratio > 1 ? 1 : 0;
                (worst, worstRatio) = ratio > worstRatio ? (i, ratio) : (worst, worstRatio);
                threshold = g != 0 ? Math.Min(threshold, allowance / Math.Abs(g)) : threshold;
            }

            // What a pass is worth: a common factor 1 ± δ fails the exact comparison for every δ above the least
            // allowance / |g|; under Auto and Both a failure of either reference fails the row, so the lesser counts.
            double detects = double.IsPositiveInfinity(threshold) ? double.NaN
                : mode == Reference.Exact || double.IsNaN(row.DetectionThreshold) ? threshold
                : Math.Min(threshold, row.DetectionThreshold);

            var at = (Tensors.ShapeMath.Unravel(row.Shape, worst), double.CreateTruncating(analytic[worst]), exact.Derivatives[worst], worstRatio);
            rows[r] = (disagreements, mode) switch
            {
                (> 0, _) when row.Kinks > 0 || row.Ties is not null => row.WithReference(
                    $"differences: the exact derivative differs at {disagreements} element(s) of a tensor with kinks or ties, which the kink and tie opinions judge"),
                (_, Reference.Both) => row.WithExact("exact and differences", row.Passed && disagreements == 0, disagreements, at, detects),
                // Under Auto the exact reference settles what differences could not (elements unverified or unresolved) and
                // adds what they miss, but does not overrule their proof of a wrong gradient: in float its allowance is still
                // looser than their error model with the Taylor test. Under Exact its verdict stands alone.
                _ => row.WithExact("exact (dual numbers)", disagreements == 0 && (mode == Reference.Exact || !row.ProvenWrong), disagreements, at, detects),
            };
        }
    }

    /// <summary>
    /// A sequential model's end-to-end rows, which differences take along directions through the whole chain: the exact
    /// reference judges each layer alone on the activation it received, and these rows say so.
    /// </summary>
    public static void EndToEnd<T>(CheckSession<T> session, List<TensorCheck> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (session.Options.Reference == Reference.Differences)
        {
            return;
        }

        for (int r = 0; r < rows.Count; r++)
        {
            rows[r] = rows[r].WithReference("differences: a model's end-to-end rows; the exact reference judges each of its layers alone");
        }
    }

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

    /// <summary>The rounding of the largest upstream-weighted output term (<see cref="ExactDerivatives.BackwardFloor"/>).</summary>
    private static double BackwardFloor<T>(AnalyticPass<T> pass) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double largest = 0;
        for (int o = 0; o < pass.Output.Length; o++)
        {
            double term = Math.Abs(double.CreateTruncating(pass.Upstream.Data[o])) * Math.Min(Math.Abs(double.CreateTruncating(pass.Output.Data[o])), 1);
            largest = double.IsFinite(term) ? Math.Max(largest, term) : largest;
        }

        return Precision.Epsilon<T>() * largest;
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
