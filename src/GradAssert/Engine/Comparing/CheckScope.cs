namespace GradAssert;

/// <summary>Which objective a <see cref="TensorCheck"/> row was measured on.</summary>
public enum CheckScope
{
    /// <summary>The whole model's objective: the gradient the user's training loop would see.</summary>
    EndToEnd,

    /// <summary>One layer alone, on the activation it received in the model's forward pass: this decides blame.</summary>
    Local,
}
