namespace GradAssert.Engine.Evidence;

/// <summary>What an evidence source answers a request with: the value, or why it cannot give it.</summary>
/// <param name="Value">The value asked for; meaningless unless <paramref name="Missing"/> is <see cref="Missing.None"/>.</param>
/// <param name="Missing">Why the value was not given, or <see cref="Missing.None"/>.</param>
internal readonly record struct Answer<TValue>(TValue Value, Missing Missing)
{
    /// <summary>The value, given.</summary>
    public static Answer<TValue> Given(TValue value) => new(value, Missing.None);

    /// <summary>No value, for the reason given.</summary>
    public static Answer<TValue> Not(Missing why) => new(default!, why);

    /// <summary>The value, given.</summary>
    public static implicit operator Answer<TValue>(TValue value) => Given(value);
}
