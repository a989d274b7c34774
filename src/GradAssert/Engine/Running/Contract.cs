using System.Globalization;

namespace GradAssert.Engine;

/// <summary>The wording shared by every contract error: which layer, and what it did wrong.</summary>
internal static class Contract
{
    /// <summary>A contract error for the layer labelled <paramref name="label"/>.</summary>
    public static LayerContractException Broken(string label, string message) => new($"Layer '{label}' breaks the layer contract. {message}");

    /// <summary>A value as messages print it: nine significant digits, invariant culture.</summary>
    public static string Show(double value) => value.ToString("G9", CultureInfo.InvariantCulture);
}
