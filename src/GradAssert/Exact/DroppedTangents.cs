using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// Counts, on the current thread, the conversions out of a <see cref="Dual{T}"/> with a live tangent to a non-integer
/// number type: code that leaves generic math (<c>Math.Tanh(double.CreateChecked(x))</c>) keeps the value but drops the
/// derivative, and a dual pass that did so cannot be trusted as a reference. Conversions to integer types are not
/// counted: truncation is flat, so they drop nothing. Counting happens only inside a <see cref="Watch"/>, and only on the
/// thread that started it (a layer that hands work to other threads escapes the count).
/// </summary>
internal static class DroppedTangents
{
    [ThreadStatic]
    private static Watch? t_innermost;

    /// <summary>Starts counting on this thread until the watch is disposed; watches nest.</summary>
    public static Watch Start()
    {
        var watch = new Watch(t_innermost);
        t_innermost = watch;
        return watch;
    }

    /// <summary>Notes a conversion of a dual number with a live tangent to <typeparamref name="TTarget"/>.</summary>
    public static void Record<TTarget>()
    {
        if (t_innermost is { } watch && !IntegerType<TTarget>.Is)
        {
            watch.Add(typeof(TTarget), 1);
        }
    }

    /// <summary>The count of one stretch of code on one thread. Dispose ends it and adds its count to the enclosing watch.</summary>
    internal sealed class Watch : IDisposable
    {
        private readonly Watch? _outer;
        private bool _ended;

        internal Watch(Watch? outer) => _outer = outer;

        /// <summary>How many conversions dropped a live tangent since the watch started.</summary>
        public int Count { get; private set; }

        /// <summary>The type the first of them converted to, or null when there was none.</summary>
        public Type? FirstTarget { get; private set; }

        /// <summary>Stops counting; the enclosing watch, if any, counts on and takes this one's count.</summary>
        /// <exception cref="InvalidOperationException">A watch started later on this thread is still running, or this is another thread.</exception>
        public void Dispose()
        {
            if (_ended)
            {
                return;
            }

            if (!ReferenceEquals(t_innermost, this))
            {
                throw new InvalidOperationException(
                    "Watches of dropped tangents end in the reverse order they started, on the thread that started them.");
            }

            _ended = true;
            t_innermost = _outer;
            if (FirstTarget is { } target)
            {
                _outer?.Add(target, Count);
            }
        }

        internal void Add(Type target, int count)
        {
            FirstTarget ??= target;
            Count += count;
        }
    }

    /// <summary>Whether <typeparamref name="TNumber"/> is an integer type, decided once per type.</summary>
    private static class IntegerType<TNumber>
    {
        public static readonly bool Is = typeof(TNumber).GetInterfaces()
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBinaryInteger<>));
    }
}
