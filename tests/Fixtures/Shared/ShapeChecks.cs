using System.Numerics;
#if NUNIT
using NUnit.Framework;
#endif

namespace GradAssert.Fixtures;

// The test-method shapes every adapter accepts: async Task and ValueTask, a generic method checked per type argument,
// the framework's timeout over the whole run, and the failure of a test that checks nothing.
#if MSTEST
[TestClass]
#endif
public class ShapeChecks
{
    [GradientCheck(Cases = 4)]
    public async Task Async_case_that_awaits_is_checked_in_every_case(GradientCase c)
    {
        await Task.Yield();
        var dense = new BatchDense(c.Dim("in", 1, 4), c.Dim("out", 1, 4), c.Seed);
        await Task.Delay(1, c.CancellationToken);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 4), dense.Inputs));
    }

    [GradientCheck(Cases = 3)]
    public async ValueTask ValueTask_case_is_checked_in_every_case(GradientCase c)
    {
        await Task.Yield();
        var dense = new BatchDense(2, 2, c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 3), dense.Inputs));
    }

    [GradientCheck(typeof(float), typeof(double), Cases = 3)]
    public void Generic_layer_is_checked_once_per_type<T>(GradientCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scale = new ElementwiseScale<T>(c.Dim("width", 1, 5), c.Seed);
        GradientAssert.Layer(scale, c.Normal<T>(c.Dim("batch", 1, 3), scale.W.Value.Length));
    }

    // Planted: only the float test fails; its replay line must replay it alone, the double test keeping its own seed.
    [GradientCheck(typeof(float), typeof(double), Cases = 3)]
    public void Generic_bug_fails_for_float_only<T>(GradientCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scale = new ElementwiseScale<T>(c.Dim("width", 1, 5), c.Seed) { WeightGradientDoubled = typeof(T) == typeof(float) };
        GradientAssert.Layer(scale, c.Normal<T>(c.Dim("batch", 1, 3), scale.W.Value.Length));
    }

    // Each case is well within the limit; together they are not. The limit is on the whole run.
#if NUNIT
    [CancelAfter(TimeLimit)]
#elif MSTEST
    [Timeout(TimeLimit)]
#endif
#if XUNIT || XUNIT_V3
    [GradientCheck(Cases = 100, Timeout = TimeLimit)]
#else
    [GradientCheck(Cases = 100)]
#endif
    public async Task Timeout_limits_the_whole_run(GradientCase c)
    {
        await Task.Delay(50, c.CancellationToken);
        var dense = new BatchDense(1, 1, c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(1, 1));
    }

    // Planted: the analyzer warns at build time (GA0003); the run-time rule must fail the test too.
#pragma warning disable GA0003
    [GradientCheck(Cases = 3)]
    public void No_check_in_any_case_fails(GradientCase c) => GC.KeepAlive(c.Dim("batch", 1, 4));
#pragma warning restore GA0003

    // A generic method needs its type arguments on the attribute; without them it is refused, saying what fits.
    // Planted: the analyzer refuses it at build time (GA0001); the run-time refusal is what the fixture tests.
#pragma warning disable GA0001
    [GradientCheck]
    public void Generic_without_type_arguments_is_refused<T>(GradientCase c)
        where T : unmanaged, IFloatingPointIeee754<T> => GC.KeepAlive(c);
#pragma warning restore GA0001

    private const int TimeLimit = 500;
}
