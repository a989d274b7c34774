using System.Globalization;

namespace GradAssert.Corpus.Tests.Sensitivity;

/// <summary>
/// Which reference judged the measured tensor's row, over the checks of a rule that asked for the exact reference:
/// <paramref name="Rows"/> rows seen, <paramref name="ByDifferences"/> of them judged by finite differences because
/// the layer did not carry to the dual type, and the first such row's reason. All zero for a rule that asked for
/// differences, so its cells read as they did.
/// </summary>
internal readonly record struct ReferenceCount(int Rows, int ByDifferences, string? Why)
{
    /// <summary>Counts <paramref name="row"/>, whose <see cref="TensorCheck.Reference"/> starts with "differences" when it fell back.</summary>
    public ReferenceCount Add(TensorCheck row) =>
        row.Reference.StartsWith("differences", StringComparison.Ordinal)
            ? new(Rows + 1, ByDifferences + 1, Why ?? row.Reference["differences".Length..].TrimStart(':', ' '))
            : this with { Rows = Rows + 1 };

    public ReferenceCount Plus(ReferenceCount other) => new(Rows + other.Rows, ByDifferences + other.ByDifferences, Why ?? other.Why);

    /// <summary>
    /// <paramref name="cell"/> as it is when the exact reference judged every row; otherwise marked, so that a
    /// differences figure is never read as the exact reference's.
    /// </summary>
    public string Mark(string cell) =>
        ByDifferences == 0 ? cell
        : ByDifferences == Rows ? $"{cell} (differences: {Why})"
        : string.Create(CultureInfo.InvariantCulture, $"{cell} ({ByDifferences} of {Rows} rows by differences: {Why})");
}
