using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;
using GradAssert.Exact;

namespace GradAssert.Engine.Running;

/// <summary>
/// The exact reference over one layer check's rows, prepared once the analytic pass is known: the layer carried to the
/// dual type and verified (or why not), and the tensor behind each row. Under <see cref="Reference.Auto"/> and
/// <see cref="Reference.Exact"/> a row the exact derivatives confirm everywhere is settled before differences run
/// (<see cref="Settle"/>), so they run only where the exact reference disagrees, where a kink or tie may excuse it;
/// every other row is judged again after differences (<see cref="Judge"/>).
/// </summary>
internal sealed class ExactRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Reference _mode;
    private readonly DualDerivatives<T>? _source;
    private readonly string? _why;
    private readonly List<(DualTensor? Tensor, T[] Analytic, string? Why)> _targets;
    private readonly double _backwardFloor;
    private readonly Dictionary<int, Reading?> _readings = []; // null: no exact comparison for the row, and why is in its target
    private readonly Dictionary<int, Tolerance> _tolerances = [];
    private readonly Dictionary<int, Func<T[], bool>> _deferred = []; // left to differences while they pass; their spot checks

    public ExactRows(Reference mode, DualDerivatives<T>? source, string? why, List<(DualTensor? Tensor, T[] Analytic, string? Why)> targets, double backwardFloor)
    {
        (_mode, _source, _why, _targets, _backwardFloor) = (mode, source, why, targets, backwardFloor);
    }

    /// <summary>
    /// Why a row the plan compares along directions (or by Taylor tests) is left to differences when they pass it, or null
    /// when every row is read: a model's end-to-end rows (<see cref="ExactReference.ModelRowsAlongDirectionsWhy"/>), where a
    /// parameter early in the model moves every later output. A row differences do not pass is read as any other.
    /// </summary>
    public string? DirectionsWhy { get; init; }

    /// <summary>
    /// The row at position <paramref name="index"/> (in the order the check compares them), judged by the exact reference
    /// alone when it confirms every element within an allowance set by the roundings of its terms; null when differences
    /// must compare it: where some element's allowance is set by measured noise instead (<see cref="ExactDerivatives.Loose"/>:
    /// differences may be finer there, and a gradient they prove wrong stays failed), under
    /// <see cref="Reference.Both"/>, where the layer does not carry, where the plan compares along directions or by
    /// Taylor tests (the exact reference would cost more than they do) or judges by a tolerance the exact reference does
    /// not read, and where some element disagrees.
    /// </summary>
    /// <param name="agreesWithDifferences">
    /// Whether finite differences along a random direction agree with the exact derivatives (given as the gradient to
    /// compare): a spot check of the exact reference itself, run once per row before it judges anything.
    /// </param>
    public TensorCheck? Settle(int index, RowPlan plan, string layer, string tensor, IReadOnlyList<int> shape, T[] analytic, CheckScope scope, Func<T[], bool> agreesWithDifferences)
    {
        _tolerances[index] = plan.Tolerance;
        if (DirectionsWhy is not null && plan.Strategy != RowStrategy.Elements && _source is not null)
        {
            _deferred[index] = agreesWithDifferences;
            return null;
        }

        SpotCheck(index, analytic, shape, agreesWithDifferences);
        if (_mode == Reference.Both || plan.Strategy != RowStrategy.Elements || plan.Tolerance is not ErrorModelTolerance
            || Read(index, analytic, shape) is not { Disagreements: 0, Loose: 0, DisagreesAlongItself: false } reading)
        {
            return null;
        }

        plan.Progress?.Report(new CheckProgress(layer, tensor, scope, 0, analytic.Length));
        var row = Confirmed(reading, plan.Tolerance, layer, tensor, shape, analytic, scope);
        plan.Progress?.Report(new CheckProgress(layer, tensor, scope, analytic.Length, analytic.Length));
        reading.Settled = true;
        return row;
    }

    /// <summary>A row every element of which the exact derivatives confirm, with their figures: it passes.</summary>
    private TensorCheck Confirmed(Reading reading, Tolerance tolerance, string layer, string tensor, IReadOnlyList<int> shape, T[] analytic, CheckScope scope)
    {
        var figures = new FigureAccumulator(tolerance, shape, directions: 0);
        var exact = reading.Exact;
        for (int i = 0; i < analytic.Length; i++)
        {
            double g = double.CreateTruncating(analytic[i]);
            figures.Add(i, new ElementOutcome(g, exact.Derivatives[i], exact.Allowance(i, g), ElementStatus.Passed));
        }

        return figures.Row(layer, tensor, scope, analytic.Length).WithExact("exact (dual numbers)", true, 0, reading.Worst, reading.Detects(double.NaN, _mode), reading.Exact.Direction);
    }

    /// <summary>
    /// Judges again with the exact reference, in place, the rows differences compared (one per parameter group not
    /// frozen, in the order the check compared them, then the input's). Exact and the backward disagreeing only in a
    /// row where differences found kinks or ties is left to the kink and tie opinions (a valid subgradient is not a
    /// bug); anywhere else a disagreement beyond rounding fails the row. Agreement passes it under
    /// <see cref="Reference.Exact"/>, and under <see cref="Reference.Auto"/> unless differences proved the row wrong in a
    /// way the exact reference cannot answer (<see cref="Stands"/>).
    /// </summary>
    /// <param name="session">Whose notes about a row follow it to its replacement.</param>
    public void Judge(List<TensorCheck> rows, CheckSession<T> session)
    {
        TensorCheck[] compared = [.. rows];
        JudgeRows(rows);
        for (int k = 0; k < compared.Length; k++)
        {
            session.Replace(compared[k], rows[k]);
        }
    }

    private void JudgeRows(List<TensorCheck> rows)
    {
        bool matched = _targets.Count == rows.Count;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (_readings.TryGetValue(r, out var settled) && settled is { Settled: true })
            {
                continue;
            }

            if (!matched)
            {
                rows[r] = row.WithReference("differences: the rows of this check could not be matched to its tensors");
                continue;
            }

            if (_deferred.Remove(r, out var agreesWithDifferences))
            {
                if (row.Passed)
                {
                    rows[r] = row.WithReference("differences: " + DirectionsWhy);
                    continue;
                }

                SpotCheck(r, _targets[r].Analytic, row.Shape, agreesWithDifferences);
            }

            if (Read(r, _targets[r].Analytic, row.Shape) is not { } reading)
            {
                // Read names the exception when the dual passes threw.
                rows[r] = row.WithReference($"differences: {_why ?? _targets[r].Why ?? "its gradient could not be matched to the tensor the exact reference seeds"}");
                continue;
            }

            int disagreements = reading.DisagreementsUnder(_tolerances.GetValueOrDefault(r));
            bool alongItself = reading.DisagreesAlongItselfUnder(_tolerances.GetValueOrDefault(r));
            double detects = reading.Detects(row.DetectionThreshold, _mode);
            var direction = reading.Exact.Direction;
            rows[r] = (disagreements, _mode) switch
            {
                // A kink or a tie excuses the exact derivative's disagreement at itself (a valid subgradient), not at
                // other elements: where the exact reference disagrees at more elements than differences found at kinks
                // or in verified ties, its verdict stands (a float eˣ − 1 − x near 0, a staircase in float, read one
                // kink and left three elements unresolved, while the exact reference proved all four 3% off).
                (> 0, _) when disagreements <= row.Kinks + (row.Ties?.VerifiedMembers ?? 0) => row.WithReference(
                    $"differences: the exact derivative differs at {disagreements} element(s) of a tensor with kinks or ties, which the kink and tie opinions judge"),
                (_, Reference.Both) => row.WithExact("exact and differences", row.Passed && disagreements == 0 && !alongItself, disagreements, reading.Worst, detects, direction),
                // Under Auto the exact reference settles what differences could not (elements unverified or unresolved) and
                // adds what they miss; whether it overrules their proof of a wrong gradient, Stands says. Under Exact its
                // verdict stands alone. A row it passes that differences did not, or compared on a sample only, shows the
                // exact figures over every element.
                (0, _) when !alongItself && (!row.Passed || row.Sampled) && Stands(row, reading) && _tolerances.TryGetValue(r, out var tolerance) =>
                    Confirmed(reading, tolerance, row.Layer, row.Tensor, row.Shape, _targets[r].Analytic, row.Scope),
                _ => row.WithExact("exact (dual numbers)", disagreements == 0 && !alongItself && Stands(row, reading), disagreements, reading.Worst, detects, direction),
            };
        }
    }

    /// <summary>
    /// Whether the exact reference's agreement decides a row differences also compared: always under
    /// <see cref="Reference.Exact"/>; under <see cref="Reference.Auto"/> unless differences proved the row wrong, by a
    /// first-order Taylor remainder, or by an element beyond their error model's tolerance while some element's exact
    /// allowance still rests on the backward's noise sampled alone. Where every such allowance was measured on the
    /// difference itself, an element differences fail is one whose backward is off by its own rounding, which their
    /// error model does not count (a float attention's weight 8e-4 off its exact derivative and its differences alike).
    /// </summary>
    private bool Stands(TensorCheck row, Reading reading) =>
        _mode == Reference.Exact || !row.ProvenWrong || (!row.TaylorFailed && reading.UnmeasuredLoose == 0);

    /// <summary>
    /// Distrusts the exact derivatives of the row at <paramref name="index"/> when finite differences along a random
    /// direction (and, where that direction disagrees, element by element) do not confirm them. Code whose arithmetic
    /// does not carry its derivative passes the carried layer's verification, since its values are right: a root found
    /// by bisection (comparisons pass no tangent: the derivative reads 0), a table looked up by an index. Without the
    /// spot check a correct backward of such code fails, and a backward that returns 0 agrees with it.
    /// </summary>
    private void SpotCheck(int index, T[] analytic, IReadOnlyList<int> shape, Func<T[], bool> agreesWithDifferences)
    {
        if (_readings.ContainsKey(index) || Read(index, analytic, shape) is not { } reading)
        {
            return;
        }

        var exact = reading.Exact.Derivatives.Select(T.CreateTruncating).ToArray();
        if (!agreesWithDifferences(exact))
        {
            _readings[index] = null;
            _targets[index] = _targets[index] with
            {
                Why = "its exact derivatives disagree with finite differences (code whose arithmetic does not carry a derivative: a search by comparisons, a table lookup)",
            };
        }
    }

    /// <summary>
    /// The exact comparison of the row at <paramref name="index"/>, read once, the first time with the row's own analytic
    /// gradient; null where there is none (the layer does not carry, the tensor cannot be seeded, its analytic gradient is
    /// not the one this row compares, the dual passes threw, or the spot check distrusted them).
    /// </summary>
    private Reading? Read(int index, T[] analytic, IReadOnlyList<int> shape)
    {
        if (!_readings.TryGetValue(index, out var reading))
        {
            _readings[index] = reading = ReadOnce(index, analytic, shape);
        }

        return reading;
    }

    private Reading? ReadOnce(int index, T[] analytic, IReadOnlyList<int> shape)
    {
        if (_source is null || index >= _targets.Count || _targets[index].Tensor is not { } tensor || !SameBits(_targets[index].Analytic, analytic))
        {
            return null;
        }

        try
        {
            return new Reading(_source.AlongItself(_source.Refined(_source.Of(tensor) with { BackwardFloor = _backwardFloor }, tensor, analytic), tensor, analytic), analytic, shape);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            _targets[index] = _targets[index] with { Why = $"its Forward at the dual type threw {error.GetType().Name} in the exact passes" };
            return null;
        }
    }

    private static bool SameBits(T[] a, T[] b) => ReferenceEquals(a, b) || a.AsSpan().SequenceEqual(b);

    /// <summary>One row's exact comparison: its disagreements, worst element and threshold.</summary>
    private sealed class Reading
    {
        private readonly double _threshold = double.PositiveInfinity;

        private readonly T[] _analytic;

        public Reading(ExactDerivatives exact, T[] analytic, IReadOnlyList<int> shape)
        {
            Exact = exact;
            _analytic = analytic;
            int worst = 0;
            double worstRatio = -1;
            for (int i = 0; i < analytic.Length; i++)
            {
                double g = double.CreateTruncating(analytic[i]);
                double allowance = exact.Allowance(i, g);
                double ratio = Math.Abs(g - exact.Derivatives[i]) / allowance;
                Disagreements += ratio > 1 ? 1 : 0;
                Loose += exact.Loose(i, g) ? 1 : 0;
                UnmeasuredLoose += exact.LooseForItsNoise(i, g) && (exact.DifferenceNoise is not { } measured || double.IsNaN(measured[i])) ? 1 : 0;
                (worst, worstRatio) = ratio > worstRatio ? (i, ratio) : (worst, worstRatio);
                _threshold = g != 0 ? Math.Min(_threshold, allowance / Math.Abs(g)) : _threshold;
            }

            if (exact.Direction is { } direction)
            {
                _threshold = Math.Min(_threshold, direction.Detects);
                DisagreesAlongItself = !direction.Agrees;
                worstRatio = Math.Max(worstRatio, direction.Ratio);
            }

            Worst = (Tensors.ShapeMath.Unravel(shape, worst), analytic.Length == 0 ? 0 : double.CreateTruncating(analytic[worst]), analytic.Length == 0 ? 0 : exact.Derivatives[worst], worstRatio);
        }

        public ExactDerivatives Exact { get; }

        /// <summary>How many elements disagree beyond their allowance.</summary>
        public int Disagreements { get; }

        /// <summary>
        /// Whether the gradient, every element of it within its allowance, disagrees with the exact derivative along the
        /// exact gradient's own direction (<see cref="ExactDirection"/>): an error common to many elements.
        /// </summary>
        public bool DisagreesAlongItself { get; }

        /// <summary>
        /// <see cref="DisagreesAlongItself"/> under the row's tolerance: where the user chose a rule of their own, only
        /// that rule judges (<see cref="DisagreementsUnder"/>).
        /// </summary>
        public bool DisagreesAlongItselfUnder(Tolerance? tolerance) => DisagreesAlongItself && tolerance is not (AllCloseTolerance or NormalizedDifferenceTolerance);

        /// <summary>How many elements' allowances owe more to measured noise than to rounding (<see cref="ExactDerivatives.Loose"/>).</summary>
        public int Loose { get; }

        /// <summary>How many of those rest on the backward's noise sampled alone, the difference's own not measured (<see cref="ExactDerivatives.LooseForItsNoise"/>).</summary>
        public int UnmeasuredLoose { get; }

        public (int[] Index, double Analytic, double Exact, double Ratio) Worst { get; }

        /// <summary>
        /// The disagreements under the row's tolerance: the exact allowance's, or where the user chose a rule of their own
        /// (<see cref="Tolerance.AllClose"/>, <see cref="Tolerance.NormalizedDifference"/>, for the check or one layer), that
        /// rule with the exact derivative in the place of the numerical one, whichever allows more: a tolerance the user
        /// widened lets the error they allowed pass under either reference.
        /// </summary>
        public int DisagreementsUnder(Tolerance? tolerance)
        {
            switch (tolerance)
            {
                case AllCloseTolerance allClose:
                    int count = 0;
                    for (int i = 0; i < _analytic.Length; i++)
                    {
                        double g = double.CreateTruncating(_analytic[i]), e = Exact.Derivatives[i];
                        double allowed = Math.Max(Exact.Allowance(i, g), allClose.Allowed(e));
                        count += Math.Abs(g - e) > allowed ? 1 : 0;
                    }

                    return count;
                case NormalizedDifferenceTolerance normalized:
                    var gradient = _analytic.Select(double.CreateTruncating).ToArray();
                    var derivatives = Exact.Derivatives;
                    double difference = NormalizedDifference.Of(
                        NormalizedDifference.Norm(gradient),
                        NormalizedDifference.Norm(derivatives),
                        NormalizedDifference.Norm(gradient.Select((v, i) => v - derivatives[i])));
                    return difference <= normalized.Threshold ? 0 : Disagreements;
                default:
                    return Disagreements;
            }
        }

        /// <summary>Whether <see cref="Settle"/> made the row from this reading alone.</summary>
        public bool Settled { get; set; }

        /// <summary>
        /// What a pass is worth: a common factor 1 ± δ fails the exact comparison for every δ above the least allowance /
        /// |g|; under Auto and Both a failure of either reference fails the row, so the lesser of it and
        /// <paramref name="differences"/> counts.
        /// </summary>
        public double Detects(double differences, Reference mode) =>
            double.IsPositiveInfinity(_threshold) ? differences
            : mode == Reference.Exact || double.IsNaN(differences) ? _threshold
            : Math.Min(_threshold, differences);
    }
}
