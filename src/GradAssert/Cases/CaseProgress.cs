using System.Diagnostics;
using System.Globalization;

namespace GradAssert.Cases;

/// <summary>
/// The progress of the checks a <c>[GradientCheck]</c> case runs, as lines for the test's output: nothing for a check
/// that ends within ten seconds, then a line every ten seconds saying where the check is, so a long check
/// is seen to move without being asked.
/// </summary>
/// <param name="every">How long a case runs quietly, and how often it speaks after that.</param>
internal sealed class CaseProgress(GradientCase @case, Action<string> write, TimeSpan every) : IProgress<CheckProgress>
{
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private readonly Lock _writing = new();
    private readonly TimeSpan _every = every;
    private TimeSpan _next = every;

    public void Report(CheckProgress value)
    {
        var elapsed = _running.Elapsed;
        lock (_writing)
        {
            if (elapsed < _next)
            {
                return;
            }

            _next = elapsed + _every;
        }

        string scope = value.Scope == CheckScope.Local ? "layer by layer" : "end to end";
        write(string.Create(CultureInfo.InvariantCulture,
            $"GradientCheck: {@case} is still checking {value.Layer}.{value.Tensor} ({scope}): {value.Done:N0} of {value.Total:N0} compared, {elapsed.TotalSeconds:F0} s into the case."));
    }
}
