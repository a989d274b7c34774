namespace GradAssert.Cases;

/// <summary>How a case failed; shrinking keeps only smaller cases that fail the same way.</summary>
internal enum FailureKind
{
    /// <summary>The case passed.</summary>
    None,

    /// <summary>A gradient disagrees with its reference, exact derivatives or finite differences (<see cref="GradientCheckException"/>).</summary>
    Gradient,

    /// <summary>The layer broke the contract (<see cref="LayerContractException"/>).</summary>
    Contract,

    /// <summary>The user's code threw something else.</summary>
    Error,
}
