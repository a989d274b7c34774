using System.Globalization;

namespace GradAssert.Engine.Evidence;

/// <summary>The wording shared by every contract error: which layer, and what it did wrong.</summary>
internal static class Contract
{
    /// <summary>A contract error for the layer labelled <paramref name="label"/>.</summary>
    public static LayerContractException Broken(string label, string message) => new($"Layer '{label}' breaks the layer contract. {message}");

    /// <summary>A value as messages print it: nine significant digits, invariant culture.</summary>
    public static string Show(double value) => value.ToString("G9", CultureInfo.InvariantCulture);

    /// <summary>Two values that differ, as messages print them: nine significant digits, or every digit when nine print them alike.</summary>
    public static (string First, string Second) ShowApart(double first, double second)
    {
        string a = Show(first), b = Show(second);
        return a != b ? (a, b) : (first.ToString("R", CultureInfo.InvariantCulture), second.ToString("R", CultureInfo.InvariantCulture));
    }
}
