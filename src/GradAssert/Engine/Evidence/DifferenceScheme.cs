namespace GradAssert;

/// <summary>The finite-difference stencil for the numerical gradient.</summary>
public enum DifferenceScheme
{
    /// <summary>(L(θ+h) − L(θ−h)) / 2h: two evaluations per element, error O(h²). The default.</summary>
    Central,

    /// <summary>
    /// (−L(θ+2h) + 8L(θ+h) − 8L(θ−h) + L(θ−2h)) / 12h: four evaluations per element, error O(h⁴).
    /// It is the Richardson extrapolation of two central differences (steps h and 2h).
    /// </summary>
    FourPoint,
}
