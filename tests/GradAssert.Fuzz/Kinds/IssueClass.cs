namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Which part of issue 22 a kind probes. A kind may belong to several (a smooth layer on large-offset inputs is both
/// B, for the bugs it lets pass, and F, for the correct code it fails); the first is where the table lists it.
/// </summary>
internal enum IssueClass
{
    /// <summary>Ordinary layers at ordinary scales: the corpus's ground, as a control.</summary>
    Ordinary,

    /// <summary>A: large outputs or constant offsets (1e3 to 1e9) widen the allowance.</summary>
    LargeOutputs,

    /// <summary>B: smooth layers on large-offset inputs read as kinks.</summary>
    LargeOffsetInputs,

    /// <summary>C: ties (max-pool on integers, sort, median, top-k, kinks meeting at one point).</summary>
    Ties,

    /// <summary>D: directional mode in float.</summary>
    Directional,

    /// <summary>E: inputs at the edge of a domain (log, square root, division).</summary>
    DomainEdges,

    /// <summary>F: correct large-offset layers failed as "unverifiable".</summary>
    Unverifiable,

    /// <summary>The cases earlier sessions named: outputs that alias the perturbed storage, wide and cancelling layers.</summary>
    Named,
}

/// <summary>Labels of <see cref="IssueClass"/> for tables and the command line.</summary>
internal static class IssueClasses
{
    /// <summary>The short label: <c>ordinary</c>, <c>A</c> … <c>F</c>, <c>named</c>.</summary>
    public static string Label(this IssueClass issueClass) => issueClass switch
    {
        IssueClass.Ordinary => "ordinary",
        IssueClass.LargeOutputs => "A",
        IssueClass.LargeOffsetInputs => "B",
        IssueClass.Ties => "C",
        IssueClass.Directional => "D",
        IssueClass.DomainEdges => "E",
        IssueClass.Unverifiable => "F",
        IssueClass.Named => "named",
        _ => throw new ArgumentOutOfRangeException(nameof(issueClass), issueClass, null),
    };

    /// <summary>The label and what the class is about, for headings.</summary>
    public static string Title(this IssueClass issueClass) => issueClass switch
    {
        IssueClass.Ordinary => "ordinary layers",
        IssueClass.LargeOutputs => "A: large outputs or constant offsets",
        IssueClass.LargeOffsetInputs => "B: smooth layers on large-offset inputs",
        IssueClass.Ties => "C: ties",
        IssueClass.Directional => "D: directional mode",
        IssueClass.DomainEdges => "E: domain edges",
        IssueClass.Unverifiable => "F: correct large-offset layers",
        IssueClass.Named => "named by earlier sessions",
        _ => throw new ArgumentOutOfRangeException(nameof(issueClass), issueClass, null),
    };
}
