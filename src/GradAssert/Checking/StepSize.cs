using System.Globalization;

namespace GradAssert;

/// <summary>How far each element is moved to take a finite difference.</summary>
public sealed record StepSize
{
    private StepSize(bool isFixed, double value)
    {
        IsFixed = isFixed;
        Value = value;
    }

    /// <summary>
    /// The default: h = ε_T^(1/3)·max(1, |θ|) for central differences (ε_T^(1/5) for the four-point stencil), with ε_T the
    /// unit roundoff of the layer's float type: about 6e-6 for double and 5e-3 for float, scaled by the element's size.
    /// This balances truncation against rounding, which a fixed step cannot do for both types.
    /// </summary>
    public static StepSize Auto { get; } = new(false, double.NaN);

    /// <summary>True for a step that ignores the type and the element's magnitude.</summary>
    public bool IsFixed { get; }

    /// <summary>The fixed step, or NaN for <see cref="Auto"/>.</summary>
    public double Value { get; }

    /// <summary>The same step for every element, such as the course's 1e-7.</summary>
    /// <param name="h">A finite positive step.</param>
    public static StepSize Fixed(double h)
    {
        if (!(h > 0) || double.IsInfinity(h))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "The step must be a finite positive number.");
        }

        return new(true, h);
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsFixed ? string.Create(CultureInfo.InvariantCulture, $"h = {Value:G3}") : "h = eps^(1/3)*max(1,|x|)";
}
