using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace GradAssert.Engine.Running;

/// <summary>
/// Keeps two checks from touching the same objects at once. A check perturbs a layer's parameters in place and writes
/// its gradient buffers, so a second check of the same layer instance, or of another layer sharing one of its arrays,
/// would read the first one's perturbations and lose data on restore. Every check takes the gates of everything it
/// touches (layers, parameter and gradient arrays) before it starts, in one global order so that two checks can never
/// wait for each other, and a check that needs a gate another check holds waits for it.
/// </summary>
/// <remarks>
/// The gates live in a <see cref="ConditionalWeakTable{TKey, TValue}"/>: process-wide, because the objects they guard
/// are shared by whoever holds them, but they keep nothing alive. A check started from inside a check of the same
/// objects (a Forward that checks itself) would wait for itself forever; it fails at once instead. To tell, the gates a
/// check holds flow with it (an <see cref="AsyncLocal{T}"/>) as an immutable set that each check replaces and puts back
/// when it ends: a thread started later, or from another check, sees only the gates held by the checks it runs inside.
/// </remarks>
internal static class CheckLocks
{
    private static readonly ConditionalWeakTable<object, Gate> Gates = new();
    private static readonly AsyncLocal<ImmutableHashSet<Gate>?> Held = new();
    private static long _nextId;

    /// <summary>Takes the gates of <paramref name="resources"/> (waiting while another check holds one); dispose to release.</summary>
    /// <param name="what">Names the check, for the message when it is nested in a check of the same objects.</param>
    public static IDisposable Acquire(IEnumerable<object> resources, string what)
    {
        var gates = resources.Distinct(ReferenceEqualityComparer.Instance).Select(r => Gates.GetValue(r!, _ => new Gate(Interlocked.Increment(ref _nextId))))
            .OrderBy(g => g.Id).ToArray();
        var outer = Held.Value ?? [];
        if (gates.Any(outer.Contains))
        {
            throw new InvalidOperationException(
                $"The check of '{what}' was started from inside another check of the same layer or parameters on the same thread (a Forward or Backward that runs a gradient check?). It would wait for itself forever; run the checks one after the other.");
        }

        int taken = 0;
        try
        {
            for (; taken < gates.Length; taken++)
            {
                gates[taken].Semaphore.Wait();
            }
        }
        catch
        {
            Release(gates, taken);
            throw;
        }

        Held.Value = outer.Union(gates);
        return new Releaser(() =>
        {
            Held.Value = outer.Count == 0 ? null : outer;
            Release(gates, gates.Length);
        });
    }

    private static void Release(Gate[] gates, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            gates[i].Semaphore.Release();
        }
    }

    private sealed class Gate(long id)
    {
        public long Id { get; } = id;

        public SemaphoreSlim Semaphore { get; } = new(1, 1);
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
