using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>Facts about the float types a check supports.</summary>
internal static class Precision
{
    /// <summary>Machine epsilon: the gap between 1 and the next larger value of <typeparamref name="T"/>.</summary>
    public static double Epsilon<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return double.BitIncrement(1.0) - 1.0;
        }

        if (typeof(T) == typeof(float))
        {
            return float.BitIncrement(1f) - 1f;
        }

        throw new NotSupportedException($"GradAssert checks float and double layers; {typeof(T).Name} is not supported.");
    }

    public static string Name<T>() => typeof(T) == typeof(float) ? "float" : typeof(T) == typeof(double) ? "double" : typeof(T).Name;
}
