using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// The evidence of finite differences along one <see cref="Perturbation"/> (an element, or a direction) alone: the
/// samples at ±h, handed to a judge, and any further sample the judge asks for. The perturbed values are put back bit
/// for bit before it returns, also on exceptions.
/// </summary>
internal sealed class FiniteDifferences<T> : IEvidenceSource where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.Epsilon<T>();

    private readonly Stepping _stepping;
    private readonly Objective<T> _objective;
    private readonly Func<Tensor<T>> _evaluate;
    private readonly DerivativeEvidence _evidence;
    private readonly string _layer;
    private readonly string _tensor;
    private readonly IReadOnlyList<int> _shape;
    private Perturbation _perturbation = null!;
    private bool[]? _dependent;
    private double[]? _slopes;

    /// <param name="evaluate">Runs the forward pass that depends on the perturbed storage.</param>
    /// <param name="label">The perturbed tensor, for messages.</param>
    /// <param name="typicalGradient">The root mean square of the tensor's analytic gradient; 0 for directions.</param>
    public FiniteDifferences(Stepping stepping, Objective<T> objective, Func<Tensor<T>> evaluate, TensorLabel label, double typicalGradient = 0)
    {
        _stepping = stepping;
        _objective = objective;
        _evaluate = evaluate;
        _layer = label.Layer;
        _tensor = label.Tensor;
        _shape = label.Shape;
        _evidence = new DerivativeEvidence(this, Eps) { TypicalGradient = typicalGradient };
    }

    /// <summary>Watches the input and parameters too when the unperturbed output is re-checked; null for a clone.</summary>
    public DriftProbe<T>? Drift { get; init; }

    /// <summary>Takes the first estimate along <paramref name="perturbation"/> and hands the evidence to <paramref name="judge"/>.</summary>
    /// <param name="analyticScale">The scale of the analytic derivative's own rounding (the tensor's largest |g|).</param>
    /// <param name="valueScale">The largest |value| in the perturbed tensor.</param>
    public TResult Measure<TResult>(Perturbation perturbation, double analyticScale, double valueScale, Func<DerivativeEvidence, TResult> judge)
    {
        _perturbation = perturbation;
        try
        {
            var (h, p1, m1) = FirstSamples(perturbation.Step);
            if (p1.Step == 0 || m1.Step == 0)
            {
                throw StepBelowResolution(h);
            }

            Estimate(_stepping.Scheme, _evidence, new FirstStep(h, perturbation.ExactAnalytic, p1, m1, perturbation.Origin), analyticScale, valueScale);
            return judge(_evidence);
        }
        finally
        {
            perturbation.Reset();
        }
    }

    /// <summary>
    /// Starts <paramref name="evidence"/> from the samples at ±h: the first estimate and its rounding. Grouped differences
    /// start a member's evidence with it from samples measured in a group, exactly as the member alone would.
    /// </summary>
    /// <param name="first">The samples at ±h, the step asked for and the analytic derivative.</param>
    /// <param name="analyticScale">The scale of the analytic derivative's own rounding (the tensor's largest |g|).</param>
    /// <param name="valueScale">The largest |value| in the perturbed tensor.</param>
    public static void Estimate(DifferenceScheme scheme, DerivativeEvidence evidence, FirstStep first, double analyticScale, double valueScale)
    {
        var (p1, m1) = (first.Plus, first.Minus);
        evidence.Reset(first.Step, p1, m1, valueScale, first.Origin);
        double g = first.ExactAnalytic ?? Evidence.Sample.Analytic(p1, m1);
        double d1 = Evidence.Sample.Central(p1, m1);
        double rounding = Eps * (p1.Magnitude + m1.Magnitude) / (p1.Step - m1.Step);
        double analyticRounding = Eps * (Math.Abs(g) + analyticScale);
        if (scheme == DifferenceScheme.FourPoint)
        {
            // Richardson: the central differences at h and 2h combine into an O(h⁴) estimate.
            double extrapolated = d1 + ((d1 - Evidence.Sample.Central(evidence.Plus2, evidence.Minus2)) / 3.0);
            evidence.Estimate(g, extrapolated, 2 * rounding, analyticRounding);
        }
        else
        {
            evidence.Estimate(g, d1, rounding, analyticRounding);
        }
    }

    /// <summary>
    /// The samples at ±h, where the layer is defined on both sides: a step that reaches outside its domain (a log or a
    /// square root of a value near 0, a division by one) is quartered until both samples are finite, as long as the value
    /// can move that little. A NaN only beyond the step is no breach of the contract; a layer undefined on a side of the
    /// point at every step is, named at the first step.
    /// </summary>
    /// <summary>How often the first step is quartered to stay inside the layer's domain: down to about h/10⁹.</summary>
    private const int MaxQuarterings = 15;

    private (double Step, Sample Plus, Sample Minus) FirstSamples(double h)
    {
        double step = h;
        for (int quartered = 0; quartered <= MaxQuarterings; quartered++, step /= 4)
        {
            var plus = Take(step, strict: false);
            var minus = Take(-step, strict: false);
            if (!double.IsNaN(plus.Projection) && !double.IsNaN(minus.Projection))
            {
                return (step, plus, minus);
            }

            if (plus.Step == 0 || minus.Step == 0)
            {
                break;
            }
        }

        // Undefined as close in as the value can move: the layer's own problem, named where the check began.
        return (h, Take(h), Take(-h));
    }

    Answer<Sample> IEvidenceSource.Sample(double offset) => Take(offset);

    Answer<Sample> IEvidenceSource.Probe(double offset) => Take(offset, strict: false);

    /// <summary>
    /// The objective at a signed step; the perturbed values are put back before it returns. Where the layer gives a
    /// non-finite output, a contract error, or with <paramref name="strict"/> false a sample whose projection is NaN.
    /// </summary>
    private Sample Take(double offset, bool strict = true)
    {
        var displacement = _perturbation.Apply(offset);
        var output = Evaluate(offset);
        int overwritten = _perturbation.FirstOverwritten();
        if (overwritten >= 0)
        {
            string what = _tensor == "input" ? "its input" : $"parameter '{_tensor}'";
            throw Contract.Broken(_layer,
                $"Forward changed {what} during the check: it wrote into {_tensor}{ShapeMath.Format(ShapeMath.Unravel(_shape, overwritten))} while finite differences had moved it by {Contract.Show(offset)}. " +
                "Forward must leave its input and parameters as it found them, on every call; apply updates in an optimizer step.");
        }

        double projection = _objective.Project(output, out double magnitude, out double change);
        _perturbation.Reset();
        if (!double.IsFinite(projection) && Objective<T>.FirstNonFinite(output) is int bad and >= 0)
        {
            return strict ? throw NotFiniteWhenMoved(offset, output, bad) : new Sample(displacement.Step, double.NaN, displacement.Predicted, double.NaN);
        }

        return new Sample(displacement.Step, projection, displacement.Predicted, magnitude) { Change = change };
    }

    Missing IEvidenceSource.CheckRepeat(Sample earlier, double offset)
    {
        var again = Take(offset, strict: false);
        if (BitConverter.DoubleToInt64Bits(again.Projection) != BitConverter.DoubleToInt64Bits(earlier.Projection))
        {
            var (once, later) = Contract.ShowApart(earlier.Projection, again.Projection);
            throw Contract.Broken(_layer,
                $"Forward is not repeatable: with {_perturbation.Describe(_tensor, _shape)} moved by {Contract.Show(offset)}, the objective <r, output> changed by {once} on one call and by {later} on a later one. " +
                "The same input and parameters must give the same output bits on every call: fix the seed of dropout or noise, and do not let state carry over from one call to the next.");
        }

        return Missing.None;
    }

    Missing IEvidenceSource.CheckUnperturbedOutput()
    {
        if (Drift is not null)
        {
            Drift.Require($"while checking {_perturbation.Describe(_tensor, _shape)}");
            return Missing.None;
        }

        var output = Evaluate(0);
        int i = _objective.FirstChange(output);
        if (i >= 0)
        {
            var (was, now) = i < output.Length
                ? Values.ShowApart(_objective.BaseAt(i), output.Data[i])
                : (Values.Show(_objective.BaseAt(i)), $"missing (the output has {output.Length} elements now)");
            throw Contract.Broken(_layer,
                $"Forward drifted between calls: output{Index(i)} was {was} at the start of the check and {now} while checking {_perturbation.Describe(_tensor, _shape)}, for the same input and parameters. " +
                "A forward pass must not depend on how often it ran: reset counters, random generators and running statistics, or put the layer in evaluation mode, for the check.");
        }

        return Missing.None;
    }

    Answer<(double Low, double High)> IEvidenceSource.SubgradientRange(double step)
    {
        if (_perturbation is not ElementPerturbation<T>)
        {
            // A direction that crosses a kink is drawn again, or the tensor goes element by element: only an element's
            // own ties are read this way.
            return (double.NaN, double.NaN);
        }

        // Each output's change at ±h and ±2h, read before the values are put back (the output may be their storage).
        int length = _objective.Length;
        var changes = new double[4][];
        var steps = new double[4];
        var offsets = (ReadOnlySpan<double>)[step, 2 * step, -step, -2 * step];
        for (int s = 0; s < 4; s++)
        {
            steps[s] = _perturbation.Apply(offsets[s]).Step;
            try
            {
                var output = Evaluate(offsets[s]);
                if (output.Length != length)
                {
                    return (double.NaN, double.NaN);
                }

                changes[s] = new double[length];
                for (int i = 0; i < length; i++)
                {
                    changes[s][i] = _objective.Term(i, output.Data[i]);
                }
            }
            finally
            {
                _perturbation.Reset();
            }
        }

        double low = 0, high = 0;
        for (int i = 0; i < length; i++)
        {
            double right = Evidence.Sample.OneSided(steps[0], changes[0][i], steps[1], changes[1][i]);
            double left = Evidence.Sample.OneSided(steps[2], changes[2][i], steps[3], changes[3][i]);
            low += Math.Min(right, left);
            high += Math.Max(right, left);
        }

        return (low, high);
    }

    /// <summary>
    /// The resolution of the objective itself, for a derivative that disagrees three times. An output that depends on
    /// the element but moved by less than half an ulp at ±h (a saturated sigmoid, a softmax probability of 1) carries
    /// rounding all the same, which <see cref="Objective{T}.Project"/> cannot see. The dependent outputs are found with
    /// larger steps (up to a tenth of the value), and their rounding is counted whether they moved or not, with eps·|x|
    /// per output for forwards that cancel x-sized terms (log-sum-exp − x). The analytic side gets the rounding of the
    /// upstream-sized terms a backward combines over those outputs (y·(dy − Σdy·y)).
    /// </summary>
    /// <returns>The rounding of the numerical and the analytic derivative together.</returns>
    Answer<Resolution> IEvidenceSource.Resolution(double valueScale, double analyticRounding)
    {
        var (outputs, cancelling, analytic) = Dependents(valueScale, analyticRounding, out double differenced);
        // The backward's own floor as well, as for the Taylor test's floors: a saturated output the element hides behind
        // (a softmax probability of 1) is no dependent here, yet its backward cancels terms that large.
        analytic = Math.Max(analytic, Eps * _objective.LargestTerm());
        return new Resolution((outputs + cancelling) / differenced, outputs + cancelling, differenced, analytic, cancelling);
    }

    /// <summary>
    /// The resolution of one evaluation of the objective over the outputs the perturbation influences (see
    /// <see cref="DerivativeEvidence.Resolution"/>), moved or not, and the analytic derivative's rounding from the backward terms over them,
    /// at least eps times the largest upstream-weighted output: a backward that combines outputs (softmax's dy − Σdy·y)
    /// cancels terms that large even where the forward hides the output's dependence below its resolution.
    /// </summary>
    Answer<(double Outputs, double Analytic)> IEvidenceSource.Floors(double valueScale, double analyticRounding)
    {
        var (_, _, analytic) = Dependents(valueScale, analyticRounding, out _);
        return (Eps * _objective.FloorMagnitude(_dependent!), Math.Max(analytic, Eps * _objective.LargestTerm()));
    }

    /// <summary>
    /// Finds the outputs the perturbation influences and returns their rounding (eps·Σ|rᵢ||yᵢ|), the rounding of
    /// x-sized terms a forward may cancel inside (eps·Σ|rᵢ|·max|x|), and the analytic derivative's rounding.
    /// </summary>
    /// <param name="differenced">The step whose difference the output rounding divides: h, or the largest step tried when nothing moved.</param>
    private (double Outputs, double Cancelling, double Analytic) Dependents(double valueScale, double analyticRounding, out double differenced)
    {
        var dependent = _dependent ??= new bool[_objective.Length];
        var slopes = _slopes ??= new double[_objective.Length];
        Array.Clear(dependent);
        Array.Clear(slopes);
        double h = _perturbation.Step, largest = h;
        double cap = 0.1 * Math.Max(1, valueScale);
        foreach (double multiple in (ReadOnlySpan<double>)[1, 2, 4, 64, 1024])
        {
            double step = Math.Max(h, Math.Min(multiple * h, cap));
            largest = Math.Max(largest, step);
            foreach (double offset in (ReadOnlySpan<double>)[step, -step])
            {
                _perturbation.Apply(offset);
                _objective.MarkChanged(Evaluate(offset), dependent, slopes, Math.Abs(offset));
                _perturbation.Reset();
            }
        }

        // Nothing moves even at the largest step: the element's influence is below the objective's resolution.
        bool any = Array.IndexOf(dependent, true) >= 0;
        if (!any)
        {
            Array.Fill(dependent, true);
        }

        differenced = any ? h : largest;
        return (Eps * _objective.Magnitude(dependent), Eps * _objective.UpstreamSum(dependent) * valueScale, Math.Max(analyticRounding, Eps * _objective.BackwardTerms(dependent, slopes)));
    }

    /// <summary>The forward pass at the perturbed point; what the layer throws says where the check was.</summary>
    private Tensor<T> Evaluate(double offset)
    {
        _stepping.Cancellation.ThrowIfCancellationRequested();
        return EvaluateUserCode(offset);
    }

    private Tensor<T> EvaluateUserCode(double offset) => UserCode.Run(
        _evaluate,
        () => $"Layer '{_layer}' threw from Forward while finite differences had moved {_perturbation.Describe(_tensor, _shape)} by {Contract.Show(offset)}") ?? throw Contract.Broken(_layer, "Forward returned null; it must return the output tensor.");

    private LayerContractException NotFiniteWhenMoved(double offset, Tensor<T> output, int at)
    {
        string what = _perturbation.Describe(_tensor, _shape);
        string from = double.IsNaN(_perturbation.Origin) ? string.Empty : $" from {Contract.Show(_perturbation.Origin)}";
        string value = Contract.Show(double.CreateTruncating(output.Data[at]));
        string cause = T.IsNaN(output.Data[at])
            ? "the layer is not defined on both sides of this point (a log or square root of a value near 0?); move the inputs inside its domain, or use a smaller step"
            : $"the output overflows the range of {Precision.Name<T>()}; values this large cannot be differentiated numerically";
        return Contract.Broken(_layer,
            $"Forward gave {value} at output{Index(at)} when finite differences moved {what} by {Contract.Show(offset)}{from}, though the unperturbed output is finite: {cause}.");
    }

    private ArgumentException StepBelowResolution(double h) => new(
        $"The fixed step h = {Contract.Show(h)} is below the resolution of {_perturbation.Describe(_tensor, _shape)} = {Contract.Show(_perturbation.Origin)} in {Precision.Name<T>()}: " +
        $"x + h rounds back to x, so no difference can be taken at layer '{_layer}'. Use StepSize.Auto, which scales the step with |x|, or a step above {Contract.Show(Math.Abs(_perturbation.Origin) * Eps)}.",
        "options");

    private string Index(int offset) => ShapeMath.Format(ShapeMath.Unravel(_objective.Shape, offset));
}
