namespace GradAssert.Engine.Evidence;

/// <summary>Why an evidence source did not give what a judge asked for; <see cref="None"/> when it did.</summary>
internal enum Missing : byte
{
    /// <summary>Given.</summary>
    None,

    /// <summary>The source does not measure it (a group gives only what it measured as a group): ask for it alone.</summary>
    NotMeasured,

    /// <summary>A step below h that a group does not measure yet: worth measuring as a group if many members ask.</summary>
    SmallerStep,

    /// <summary>
    /// The forward did not repeat itself, or drifted, where a group measured it: no grouped evidence of this tensor is
    /// trusted, and every element is compared alone, whose checks name what they see.
    /// </summary>
    Abandoned,
}
