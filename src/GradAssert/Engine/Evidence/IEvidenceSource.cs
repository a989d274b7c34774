namespace GradAssert.Engine.Evidence;

/// <summary>
/// Evaluates the objective along one perturbation, for the judge of an element or a direction: finite differences of
/// the element alone (<see cref="FiniteDifferences{T}"/>), a member of a group measured together, or only what a group
/// measured at ±h. A source answers each request or says why it cannot (<see cref="Missing"/>); it never throws to say
/// so. What it throws is the user's code's own exception (with context) or a contract error that names the element.
/// </summary>
internal interface IEvidenceSource
{
    /// <summary>The objective at a signed step; the perturbed values are put back before it returns.</summary>
    Answer<Sample> Sample(double offset);

    /// <summary>
    /// The objective at a signed step where the layer may not be defined (a step reaching outside a log's or a square
    /// root's domain): there, a sample whose projection is NaN, not a contract error.
    /// </summary>
    Answer<Sample> Probe(double offset);

    /// <summary>Whether the unperturbed forward still gives the output the check started from (see <see cref="DerivativeEvidence.RequireUnperturbedOutput"/>).</summary>
    Missing CheckUnperturbedOutput();

    /// <summary>Samples at <paramref name="offset"/> again: a contract error unless it gives <paramref name="earlier"/> bit for bit.</summary>
    Missing CheckRepeat(Sample earlier, double offset);

    /// <summary>See <see cref="DerivativeEvidence.Resolution"/>.</summary>
    Answer<Resolution> Resolution(double valueScale, double analyticRounding);

    /// <summary>See <see cref="DerivativeEvidence.Floors"/>.</summary>
    Answer<(double Outputs, double Analytic)> Floors(double valueScale, double analyticRounding);

    /// <summary>See <see cref="DerivativeEvidence.SubgradientRange"/>.</summary>
    Answer<(double Low, double High)> SubgradientRange(double step);
}
