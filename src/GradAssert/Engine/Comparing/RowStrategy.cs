namespace GradAssert.Engine.Comparing;

/// <summary>How a row's tensor is compared first.</summary>
internal enum RowStrategy
{
    /// <summary>Element by element: every element, or a seeded sample; in groups where the plan allows it.</summary>
    Elements,

    /// <summary>Along random directions; a tensor whose directions do not all pass is then compared element by element.</summary>
    Directions,

    /// <summary>
    /// The Taylor remainder test along the tensor's gradient and random directions; a tensor that does not pass it is
    /// then compared element by element, the tests kept on its row.
    /// </summary>
    Taylor,
}
