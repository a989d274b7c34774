namespace GradAssert;

/// <summary>
/// The classic bands of the normalized difference ‖g−n‖/(‖g‖+‖n‖), as gradient-checking courses teach them.
/// They describe a figure; the pass/fail decision comes from the error model (see <see cref="TensorCheck.Passed"/>).
/// </summary>
public enum Verdict
{
    /// <summary>Below 1e-7: the gradient is right.</summary>
    Great,

    /// <summary>From 1e-7 to below 1e-5: usually right, worth a second look (typical of float32).</summary>
    Careful,

    /// <summary>From 1e-5 to below 1e-3: suspicious in double.</summary>
    Worried,

    /// <summary>1e-3 or more: almost certainly a bug.</summary>
    Wrong,
}
