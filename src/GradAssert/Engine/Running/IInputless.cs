namespace GradAssert.Engine.Running;

/// <summary>
/// Marks the engine's own adapters (the function form, layers with named inputs) whose ILayer input is an empty
/// placeholder: what they check comes in as parameters, so an input that is not compared is no news.
/// </summary>
internal interface IInputless
{
    /// <summary>The user's object the adapter presents (its hidden state belongs to the check), or null.</summary>
    object? Inner { get; }
}
