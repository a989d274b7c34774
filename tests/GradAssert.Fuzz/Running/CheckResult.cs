namespace GradAssert.Fuzz.Running;

/// <summary>What one check said: its verdict and failing tensors, or the exception it threw, and its text.</summary>
/// <param name="Passed">The report's verdict; false when the check threw.</param>
/// <param name="FailingTensors">The names of the tensors whose rows failed (any scope), without repeats.</param>
/// <param name="Error">The exception the check (or the layer's construction) threw, if any.</param>
/// <param name="Text">The report's text (<see cref="GradientReport.ToString"/>), or the exception's type and message.</param>
internal sealed record CheckResult(bool Passed, IReadOnlyList<string> FailingTensors, Exception? Error, string Text)
{
    /// <summary>True when the check threw a <see cref="LayerContractException"/>.</summary>
    public bool IsContract => Error is LayerContractException;

    /// <summary>Runs <paramref name="check"/> and keeps whatever it says, exceptions included.</summary>
    public static CheckResult Of(Func<GradientReport> check)
    {
        try
        {
            return From(check());
        }
        catch (GradientCheckException failed)
        {
            return From(failed.Report) with { Passed = false };
        }
        catch (Exception error)
        {
            return Threw(error);
        }
    }

    /// <summary>The result of a report.</summary>
    public static CheckResult From(GradientReport report) =>
        new(report.Passed, [.. report.Tensors.Where(t => !t.Passed).Select(t => t.Tensor).Distinct()], null, report.ToString());

    /// <summary>The result of a check that threw <paramref name="error"/>.</summary>
    public static CheckResult Threw(Exception error) => new(false, [], error, $"{error.GetType().Name}: {error.Message}");
}
