using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// A dual number of any part type, seen without knowing that type: lets <c>Dual&lt;double&gt;.CreateChecked(x)</c> keep
/// the tangent of a <c>Dual&lt;float&gt;</c> x instead of taking its value alone.
/// </summary>
internal interface IDualParts
{
    /// <summary>The value and the tangent, each converted to <typeparamref name="TPart"/> the given way.</summary>
    (TPart Value, TPart Tangent) PartsAs<TPart>(Conversion conversion)
        where TPart : INumberBase<TPart>;
}
