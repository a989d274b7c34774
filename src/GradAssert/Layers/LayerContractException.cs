namespace GradAssert;

/// <summary>
/// Thrown when a layer breaks the contract a gradient check relies on: a wrong gradient shape, NaN or Inf,
/// a forward pass that is not deterministic or that changes its input, a stale cache, a backward pass that
/// changes a parameter. The message names the layer, the tensor and the index.
/// </summary>
public class LayerContractException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LayerContractException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, in plain words.</param>
    public LayerContractException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, in plain words.</param>
    /// <param name="innerException">The cause.</param>
    public LayerContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
