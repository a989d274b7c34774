namespace GradAssert.Engine.Judging;

/// <summary>
/// One rule of the judgement of an element (or a direction), in the ordered list its tolerance gives
/// (<see cref="Opinions"/>). An opinion reads the verdict so far and the evidence, asks for the evidence its rule needs,
/// and leaves the verdict after it: the first opinion that decides sets it, and later ones may review it.
/// </summary>
internal abstract class ElementOpinion
{
    /// <summary>The rule in words, as "What a pass covers" lists it.</summary>
    public abstract string Rule { get; }

    /// <summary>The verdict after this opinion: <paramref name="soFar"/> when it has nothing to say.</summary>
    /// <param name="soFar">The verdict of the opinions before it, or null while none has decided.</param>
    public abstract ElementOutcome? Judge(ElementCase c, ElementOutcome? soFar);
}

/// <summary>An opinion that decides an element no earlier opinion has decided, or passes it on.</summary>
internal abstract class FirstOpinion : ElementOpinion
{
    public sealed override ElementOutcome? Judge(ElementCase c, ElementOutcome? soFar) => soFar ?? Decide(c);

    /// <summary>The verdict, or null when the rule does not decide this element.</summary>
    protected abstract ElementOutcome? Decide(ElementCase c);
}

/// <summary>An opinion that reviews the verdict the opinions before it reached.</summary>
internal abstract class ReviewOpinion : ElementOpinion
{
    public sealed override ElementOutcome? Judge(ElementCase c, ElementOutcome? soFar) => soFar is { } verdict ? Review(c, verdict) : null;

    /// <summary>The verdict after the review.</summary>
    protected abstract ElementOutcome Review(ElementCase c, ElementOutcome verdict);
}
