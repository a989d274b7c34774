namespace GradAssert.Engine.Comparing;

/// <summary>What the ties of one tensor showed: how many were verified, and the first whose sum was wrong.</summary>
internal sealed record TieReading(int Verified, int Refuted, TiedSet? FirstRefuted)
{
    /// <summary>No tie measured.</summary>
    public static TieReading None { get; } = new(0, 0, null);

    /// <summary>How many elements the verified ties hold: each may take any share of its tie's gradient.</summary>
    public int VerifiedMembers { get; init; }

    /// <summary>This reading with one more tie.</summary>
    public TieReading With(bool verified, TiedSet tie) => verified
        ? this with { Verified = Verified + 1, VerifiedMembers = VerifiedMembers + tie.Members.Count }
        : this with { Refuted = Refuted + 1, FirstRefuted = FirstRefuted ?? tie };
}
