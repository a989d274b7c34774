namespace GradAssert.Fuzz.Reporting;

/// <summary>The counts of a group of cases, one table row.</summary>
internal sealed class Tally
{
    /// <summary>Cases run (each grouping setting counts once), excluded ones included.</summary>
    public int Cases { get; private set; }

    /// <summary>Broken cases whose bug changes no gradient for the drawn case: not checked, in no other column.</summary>
    public int Excluded { get; private set; }

    /// <summary>Correct cases that failed or threw.</summary>
    public int FalseAlarms { get; private set; }

    /// <summary>Broken cases that passed.</summary>
    public int Missed { get; private set; }

    /// <summary>Broken cases that failed only on tensors the bug does not change.</summary>
    public int WrongTensor { get; private set; }

    /// <summary>Cases (correct or broken) whose check threw a <see cref="LayerContractException"/>.</summary>
    public int Contract { get; private set; }

    /// <summary>Cases (correct or broken) whose check threw any other exception.</summary>
    public int Errors { get; private set; }

    /// <summary>Cases run with grouping on and off whose outcomes differ (counted once per pair).</summary>
    public int Disagreements { get; private set; }

    /// <summary>Cases run with grouping on and off whose report texts (or exception messages) differ (once per pair).</summary>
    public int TextDiffers { get; private set; }

    /// <summary>Cases actually checked (not excluded).</summary>
    public int Checked => Cases - Excluded;

    /// <summary>The mean time of a check, in milliseconds.</summary>
    public double MeanMilliseconds => Checked == 0 ? 0 : _milliseconds / Checked;

    private double _milliseconds;

    /// <summary>The tally of <paramref name="results"/>, with the grouping pairs among them compared.</summary>
    public static Tally Of(IEnumerable<CaseResult> results)
    {
        var tally = new Tally();
        var all = results.ToList();
        foreach (var result in all)
        {
            tally.Add(result);
        }

        foreach (var pair in all.GroupBy(r => r.Key with { Grouping = false }).Where(g => g.Count() == 2))
        {
            var on = pair.First(r => r.Key.Grouping);
            var off = pair.First(r => !r.Key.Grouping);
            tally.Disagreements += on.Outcome != off.Outcome ? 1 : 0;
            tally.TextDiffers += on.Check?.Text != off.Check?.Text ? 1 : 0;
        }

        return tally;
    }

    private void Add(CaseResult result)
    {
        Cases++;
        _milliseconds += result.Milliseconds;
        Excluded += result.Outcome == CaseOutcome.Excluded ? 1 : 0;
        FalseAlarms += result.Outcome == CaseOutcome.FalseAlarm ? 1 : 0;
        Missed += result.Outcome == CaseOutcome.Missed ? 1 : 0;
        WrongTensor += result.Outcome == CaseOutcome.WrongTensor ? 1 : 0;
        Contract += result.Check?.IsContract == true ? 1 : 0;
        Errors += result.Check is { Error: not null, IsContract: false } ? 1 : 0;
    }
}
