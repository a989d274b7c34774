namespace GradAssert.Corpus.Tests.Corpus;

/// <summary>The outcome of one layer's cases under one rule in one float type.</summary>
internal sealed class Tally
{
    private const int KeptDetails = 3;
    private readonly List<string> _details = [];

    public Tally(string layer, string type, string rule)
    {
        Layer = layer;
        Type = type;
        Rule = rule;
    }

    public string Layer { get; }

    public string Type { get; }

    public string Rule { get; }

    /// <summary>Cases run.</summary>
    public int Cases { get; set; }

    /// <summary>Correct layers: cases whose report did not pass.</summary>
    public int FalseFailures { get; set; }

    /// <summary>Cases where the check threw a <see cref="LayerContractException"/> instead of returning a report.</summary>
    public int ContractErrors { get; set; }

    /// <summary>Cases where the rule itself was rejected for the case's values (a fixed step below their resolution).</summary>
    public int Rejected { get; set; }

    /// <summary>Planted bugs: cases where the bug can show.</summary>
    public int Showable { get; set; }

    /// <summary>Planted bugs: cases where the bug cannot change any gradient (counted apart).</summary>
    public int CannotShow { get; set; }

    /// <summary>Planted bugs: showable cases that failed on the expected tensor(s) only.</summary>
    public int Detected { get; set; }

    /// <summary>Planted bugs: showable cases that failed, but on a tensor the bug does not touch.</summary>
    public int WrongTensor { get; set; }

    /// <summary>Elements planted within 1e-6 of a kink, over all cases.</summary>
    public int PlantedKinks { get; set; }

    /// <summary>Cases with planted kinks whose report counted fewer kinks than were planted.</summary>
    public int KinksMissed { get; set; }

    /// <summary>Elements the reports counted as kinks, over all cases.</summary>
    public int ReportedKinks { get; set; }

    /// <summary>Detection rate among the showable cases.</summary>
    public double DetectionRate => Showable == 0 ? double.NaN : (double)Detected / Showable;

    /// <summary>The first few unexpected outcomes, with the case and the report, to diagnose them.</summary>
    public IReadOnlyList<string> Details => _details;

    public void Note(string detail)
    {
        if (_details.Count < KeptDetails)
        {
            _details.Add(detail);
        }
    }

    public string Describe() =>
        $"{Layer} [{Type}, {Rule}]: {Cases} cases, {FalseFailures} false failures, detected {Detected}/{Showable} " +
        $"(cannot show {CannotShow}, wrong tensor {WrongTensor}, contract errors {ContractErrors}, rejected {Rejected}), kinks planted {PlantedKinks} reported {ReportedKinks}" +
        (Details.Count > 0 ? "\n\n" + string.Join("\n\n", Details) : string.Empty);
}
