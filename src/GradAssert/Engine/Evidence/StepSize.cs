using System.Globalization;

namespace GradAssert;

/// <summary>How far each element is moved to take a finite difference: <see cref="Auto"/> or <see cref="Fixed"/>.</summary>
public abstract record StepSize
{
    // Only the two steps below exist: their rule is internal, so no other assembly can add one.
    private protected StepSize()
    {
    }

    /// <summary>
    /// The default: h = ε_T^(1/3)·max(1, |θ|) for central differences (ε_T^(1/5) for the four-point stencil), with ε_T the
    /// unit roundoff of the layer's float type: about 6e-6 for double and 5e-3 for float, scaled by the element's size.
    /// This balances truncation against rounding, which a fixed step cannot do for both types.
    /// </summary>
    public static StepSize Auto { get; } = new AutoStep();

    /// <summary>The same step for every element, such as the course's 1e-7.</summary>
    /// <param name="h">A finite positive step.</param>
    public static StepSize Fixed(double h)
    {
        if (!(h > 0) || double.IsInfinity(h))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "The step must be a finite positive number.");
        }

        return new FixedStep(h);
    }

    /// <summary>The step for a value of magnitude <paramref name="x"/> in a type whose machine epsilon is <paramref name="eps"/>.</summary>
    internal abstract double For(double x, DifferenceScheme scheme, double eps);

    /// <summary>The rule as the report's header prints it, for the scheme it is used with.</summary>
    internal abstract string Describe(DifferenceScheme scheme);

    /// <summary>The rule as used with central differences.</summary>
    public sealed override string ToString() => Describe(DifferenceScheme.Central);

    /// <summary>ε^(1/3) balances the O(h²) truncation of central differences against rounding; ε^(1/5) the O(h⁴) of four points.</summary>
    private sealed record AutoStep : StepSize
    {
        internal override double For(double x, DifferenceScheme scheme, double eps) =>
            Math.Pow(eps, Root(scheme)) * Math.Max(1.0, Math.Abs(x));

        internal override string Describe(DifferenceScheme scheme) =>
            string.Create(CultureInfo.InvariantCulture, $"h = eps^(1/{1 / Root(scheme):0})*max(1,|x|)");

        private static double Root(DifferenceScheme scheme) => scheme == DifferenceScheme.FourPoint ? 1.0 / 5.0 : 1.0 / 3.0;
    }

    private sealed record FixedStep(double H) : StepSize
    {
        internal override double For(double x, DifferenceScheme scheme, double eps) => H;

        internal override string Describe(DifferenceScheme scheme) => string.Create(CultureInfo.InvariantCulture, $"h = {H:G3}");
    }
}
