using GradAssert.Engine.Comparing;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Running;

/// <summary>What decides the whole check, in order: each opinion must hold for it to pass.</summary>
internal static class ReportOpinions
{
    /// <summary>The report opinions, in the order they are asked.</summary>
    public static IReadOnlyList<ReportOpinion> All { get; } = [new EveryRowPassed(), new WholeCheckWithinRule(), new SomethingCompared(), new EveryTensorMovesTheOutput()];

    /// <summary>The check's verdict on its rows, problems and rule.</summary>
    public static ReportVerdict Judge(CheckOutcome outcome)
    {
        var endToEnd = outcome.Rows.Where(t => t.Scope == CheckScope.EndToEnd).ToArray();
        double difference = NormalizedDifference.Of(
            NormalizedDifference.Norm(endToEnd.Select(t => t.AnalyticNorm)),
            NormalizedDifference.Norm(endToEnd.Select(t => t.NumericalNorm)),
            NormalizedDifference.Norm(endToEnd.Select(t => t.ErrorNorm)));
        bool passed = All.All(opinion => opinion.Holds(outcome, difference));
        double worst = outcome.Options.Tolerance.OverallErrorToTolerance(difference);
        foreach (var row in outcome.Rows)
        {
            worst = double.IsNaN(row.ErrorToTolerance) ? double.NaN : Math.Max(worst, row.ErrorToTolerance);
        }

        return new ReportVerdict(passed, difference, worst);
    }
}
