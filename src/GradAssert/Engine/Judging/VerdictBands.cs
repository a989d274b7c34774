namespace GradAssert.Engine.Judging;

/// <summary>Maps a normalized difference to its <see cref="Verdict"/> band.</summary>
internal static class VerdictBands
{
    public const double Great = 1e-7;
    public const double Careful = 1e-5;
    public const double Worried = 1e-3;

    public static Verdict Of(double difference) => difference switch
    {
        < Great => Verdict.Great,
        < Careful => Verdict.Careful,
        < Worried => Verdict.Worried,
        _ => Verdict.Wrong,
    };
}
