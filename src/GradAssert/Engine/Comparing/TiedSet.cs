using GradAssert.Tensors;

namespace GradAssert.Engine.Comparing;

/// <summary>Elements of exactly equal value measured together.</summary>
/// <param name="Value">Their value.</param>
/// <param name="Members">Their tensor offsets.</param>
/// <param name="Sum">The sum of their analytic gradients.</param>
/// <param name="Together">The derivative along the tie: moving all of them at once.</param>
internal sealed record TiedSet(double Value, IReadOnlyList<int> Members, double Sum, double Together)
{
    /// <summary>The tie in words, its first members named: <c>x[0,1], x[0,3] (tied at 7)</c>.</summary>
    public string Describe(string tensor, IReadOnlyList<int> shape)
    {
        var named = Members.Take(3).Select(i => tensor + ShapeMath.Format(ShapeMath.Unravel(shape, i)));
        string more = Members.Count > 3 ? $" and {Members.Count - 3} more" : "";
        return $"{string.Join(", ", named)}{more}";
    }
}
