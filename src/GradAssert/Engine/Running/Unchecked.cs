using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// What a check did not compare, and whether what it compared can prove anything. A pass needs positive evidence: a
/// check that compared no element and no direction (an empty input, an empty parameter, an input gradient declared
/// absent, every element at a kink), or whose layer computes no output at all, fails and says why instead of passing
/// "over 0 elements".
/// </summary>
internal sealed class Unchecked
{
    private readonly List<string> _notes = [];
    private readonly List<string> _problems = [];
    private readonly List<(TensorCheck Row, string Why)> _unverified = [];
    private readonly List<(TensorCheck Row, string Label, string Name, string Tensor)> _idle = [];

    /// <summary>What was not compared and why, in words; they become the report's warnings.</summary>
    public IReadOnlyList<string> Notes =>
    [
        .. _notes,
        .. _idle.GroupBy(i => (i.Label, i.Name)).Select(g =>
            $"{g.Key.Label} (a {g.Key.Name}) did not run on this input: no call of it was seen during the forward pass, so its {Prose.List(g.Select(i => i.Tensor).Distinct().ToArray())} moved no output and {(g.Count() == 1 ? "was" : "were")} not verified; check it with an input that reaches it"),
    ];

    /// <summary>Why the check cannot pass whatever its rows say.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Rows that compared "ok" but verified nothing (their tensor moves no output), and why, in words.</summary>
    public IReadOnlyList<(TensorCheck Row, string Why)> UnverifiedRows => _unverified;

    /// <summary>Notes a row that compared "ok" but verified nothing: the check fails and says why.</summary>
    public void Unverified(TensorCheck row, string why) => _unverified.Add((row, why));

    /// <summary>Points the notes about <paramref name="before"/> at <paramref name="after"/>, the row that replaces it.</summary>
    public void Replace(TensorCheck before, TensorCheck after)
    {
        for (int k = 0; k < _unverified.Count; k++)
        {
            if (ReferenceEquals(_unverified[k].Row, before))
            {
                _unverified[k] = _unverified[k] with { Row = after };
            }
        }

        for (int k = 0; k < _idle.Count; k++)
        {
            if (ReferenceEquals(_idle[k].Row, before))
            {
                _idle[k] = _idle[k] with { Row = after };
            }
        }
    }

    /// <summary>Rows of a sub-layer that did not run on the check's input (an expert its router did not pick).</summary>
    public IReadOnlyList<TensorCheck> IdleRows => _idle.Select(i => i.Row).ToArray();

    /// <summary>Notes a row of a sub-layer that did not run: it verified nothing, rightly, and the report says so.</summary>
    /// <param name="label">The sub-layer's label (its path in the composite).</param>
    /// <param name="name">Its name.</param>
    /// <param name="tensor">The row's tensor.</param>
    public void DidNotRun(TensorCheck row, string label, string name, string tensor) => _idle.Add((row, label, name, tensor));

    /// <summary>Notes each tensor of a layer check that was not compared, and an output without elements as a problem.</summary>
    /// <param name="inputless">True for the engine's adapters whose input is an empty placeholder.</param>
    public void Note<T>(string label, Parameter<T>[] parameters, Tensor<T> input, bool inputDifferentiated, Tensor<T>? output, bool inputless = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output is { Length: 0 })
        {
            _problems.Add($"{label} computed an output without elements (shape {ShapeMath.Format(output.Shape)}) from an input of shape {ShapeMath.Format(input.Shape)}, so no gradient of it can be compared with anything");
        }

        foreach (var parameter in parameters.Where(p => p.Value.Length == 0))
        {
            _notes.Add($"{label}.{parameter.Name} has no elements (shape {ShapeMath.Format(parameter.Value.Shape)}), so it was not compared");
        }

        if (inputless)
        {
            return;
        }

        if (!inputDifferentiated)
        {
            _notes.Add($"{label}.input was not compared: Backward returned no input gradient (null), which declares the input not differentiable (indices); return dL/d(input) if it is real-valued");
        }
        else if (input.Length == 0)
        {
            _notes.Add($"{label}.input has no elements (shape {ShapeMath.Format(input.Shape)}), so it was not compared");
        }
    }

    /// <summary>Adds a note in words.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Adds the problem of a check whose rows compared nothing at all.</summary>
    public void RequireSomethingCompared(IReadOnlyList<TensorCheck> rows)
    {
        // Unresolved elements count as compared: finite differences agree that their gradient is below the output's
        // resolution, and an analytic value above it would have been resolved and judged. The report warns about them.
        if (rows.Any(r => r.Checked > 0 || r.Unverifiable > 0) || _problems.Count > 0)
        {
            return;
        }

        int kinks = rows.Sum(r => r.Kinks);
        string why = kinks > 0
            ? $"all {kinks} elements sat at kinks and were left out"
            : _notes.Count > 0 ? string.Join("; ", _notes.Distinct()) : "the layer has no parameters and no input elements";
        _problems.Add($"nothing was compared, so nothing was verified: {why}. A check must compare at least one element to pass");
    }
}
