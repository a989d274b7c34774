namespace GradAssert.Engine.Running;

/// <summary>The whole check's verdict, made once by <see cref="ReportOpinions"/>; the report only renders it.</summary>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Difference">‖g−n‖/(‖g‖+‖n‖) over every element checked end to end.</param>
/// <param name="ErrorToTolerance">The largest err/tol of any row, and of the whole check's difference under a rule that judges it.</param>
internal sealed record ReportVerdict(bool Passed, double Difference, double ErrorToTolerance);
