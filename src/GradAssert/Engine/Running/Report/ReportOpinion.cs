namespace GradAssert.Engine.Running;

/// <summary>One rule of the whole check's verdict, in the list of <see cref="ReportOpinions"/>: each must hold for a pass.</summary>
internal abstract class ReportOpinion
{
    /// <summary>The rule in words, as "What a pass covers" lists it.</summary>
    public abstract string Rule { get; }

    /// <summary>Whether the check may pass as far as this rule goes.</summary>
    /// <param name="difference">The whole check's normalized difference.</param>
    public abstract bool Holds(CheckOutcome outcome, double difference);
}

/// <summary>Every row passed, end to end and layer by layer.</summary>
internal sealed class EveryRowPassed : ReportOpinion
{
    public override string Rule => "Every row passes, end to end and layer by layer.";

    public override bool Holds(CheckOutcome outcome, double difference) => outcome.Rows.All(t => t.Passed);
}

/// <summary>A rule over the whole check's figure (the course's: its normalized difference below the threshold).</summary>
internal sealed class WholeCheckWithinRule : ReportOpinion
{
    public override string Rule => "Under the course's rule, the whole check's normalized difference is below the threshold too.";

    public override bool Holds(CheckOutcome outcome, double difference) => outcome.Options.Tolerance.ReportPasses(difference);
}

/// <summary>A pass must be earned: a check that compared nothing, or whose layer computes no output, fails and says why.</summary>
internal sealed class SomethingCompared : ReportOpinion
{
    public override string Rule =>
        "The check compared something: a check that compared no element and no direction, or whose layer gives an output without elements, fails and says why.";

    public override bool Holds(CheckOutcome outcome, double difference) => outcome.Problems.Count == 0;
}

/// <summary>Every tensor compared "ok" moves the output: one that moves nothing while its gradient is zero verified nothing.</summary>
internal sealed class EveryTensorMovesTheOutput : ReportOpinion
{
    public override string Rule =>
        "Every parameter compared moves the output: a whole tensor whose elements can all be set to NaN without changing a bit of the output, while its gradient is zero, verified nothing and fails (unless it is frozen, or its sub-layer made no call: an expert its router did not pick, which the report says did not run), and so does a segment of an array that leaves a padding slot at one end and the real element beside the other unchecked. Some elements that move nothing (an embedding's unused rows) are as they should be.";

    public override bool Holds(CheckOutcome outcome, double difference) => outcome.Unverified.Count == 0;
}
