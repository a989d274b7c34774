using System.Numerics;
using System.Reflection;

namespace GradAssert.Adapters.Tests;

public sealed class GradientTestMethodTests
{
    [Theory]
    [InlineData(nameof(Shapes.Void))]
    [InlineData(nameof(Shapes.ReturnsTask))]
    [InlineData(nameof(Shapes.ReturnsValueTask))]
    [InlineData(nameof(Shapes.Static))]
    public void Void_Task_and_ValueTask_methods_taking_one_case_fit(string name) =>
        GradientTestMethod.SignatureProblem(Method(name), []).ShouldBeNull();

    [Theory]
    [InlineData(nameof(Shapes.TakesInt), null, "it takes (Int32 batch)")]
    [InlineData(nameof(Shapes.TakesTwo), null, "it takes (GradientCase c, Int32 n)")]
    [InlineData(nameof(Shapes.ReturnsInt), null, "it returns Int32")]
    [InlineData(nameof(Shapes.ReturnsTaskOfInt), null, "it returns Task`1")]
    [InlineData(nameof(Shapes.Generic), null, "it is generic, but the attribute gives no type arguments")]
    [InlineData(nameof(Shapes.Void), typeof(float), "the attribute gives type arguments, but the method is not generic")]
    [InlineData(nameof(Shapes.Generic), typeof(int), "typeof(Int32) is not float or double")]
    [InlineData(nameof(Shapes.TwoTypeParameters), typeof(float), "it has 2 type parameters")]
    public void Other_shapes_are_refused_saying_what_fits_and_why_this_one_does_not(string name, Type? typeArgument, string why)
    {
        string? problem = GradientTestMethod.SignatureProblem(Method(name), typeArgument is null ? [] : [typeArgument]);

        problem.ShouldNotBeNull();
        problem.ShouldStartWith("[GradientCheck] needs a method that returns void, Task or ValueTask and takes one GradientCase, such as 'public void Dense_backward_matches(GradientCase c)'; ");
        problem.ShouldContain("'[GradientCheck(typeof(float), typeof(double))] public void Dense_backward<T>(GradientCase c)'");
        problem.ShouldEndWith($"{name} does not fit: {why}.");
    }

    [Fact]
    public void A_generic_method_is_one_test_per_type_argument_named_with_its_type()
    {
        var tests = GradientTestMethod.For(Method(nameof(Shapes.Generic)), [typeof(float), typeof(double)]);

        tests.Select(t => t.Name).ShouldBe(["Generic<float>", "Generic<double>"]);
        tests.Select(t => t.TypeArgument).ShouldBe([typeof(float), typeof(double)]);
        tests[0].Method.GetGenericArguments().ShouldBe([typeof(float)]);
        tests[1].FullName(typeof(Shapes)).ShouldBe($"{typeof(Shapes).FullName}.Generic<double>");
    }

    [Fact]
    public void Each_type_of_a_generic_test_gets_its_own_default_seed()
    {
        var tests = GradientTestMethod.For(Method(nameof(Shapes.Generic)), [typeof(float), typeof(double)]);
        var seeds = tests.Select(t => GradientProperty.Run(t.FullName(typeof(Shapes)), new(), _ => { }, _ => null).Summary)
            .Select(s => s[s.IndexOf("Test seed: ", StringComparison.Ordinal)..s.IndexOf(" (default", StringComparison.Ordinal)]);

        seeds.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Invoking_returns_what_the_method_awaits()
    {
        var shapes = new Shapes();
        var test = GradientTestMethod.For(Method(nameof(Shapes.ReturnsValueTask)), typeArgument: null);

        await test.InvokeAsync(shapes, new GradientCase(1));

        shapes.Calls.ShouldBe(1);
    }

    [Fact]
    public void A_generic_test_replays_its_own_type_argument_alone_with_the_methods_name_in_the_filter()
    {
        var test = GradientTestMethod.For(Method(nameof(Shapes.Generic)), typeof(float));

        var result = GradientProperty.Run(test.FullName(typeof(Shapes)), new(1, 2), _ => throw new InvalidOperationException("x"), _ => null);

        result.Failure!.Message.ShouldContain($"Test: {typeof(Shapes).FullName}.Generic<float>\n");
        result.Failure.Message.ShouldContain("  [GradientCheck(typeof(float), Seed = 2, Cases = 1, ReplayCase = 0)]\n");
        result.Failure.Message.ShouldContain($"  GRADASSERT_REPLAY=2:0:1:float dotnet test --filter FullyQualifiedName={typeof(Shapes).FullName}.Generic\n");
    }

    private static MethodInfo Method(string name) =>
        typeof(Shapes).GetMethod(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)!;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Test shapes.")]
    public sealed class Shapes
    {
        public int Calls { get; private set; }

        public static void Static(GradientCase c) => GC.KeepAlive(c);

        public void Void(GradientCase c) => GC.KeepAlive(c);

        public Task ReturnsTask(GradientCase c) => Task.CompletedTask;

        public async ValueTask ReturnsValueTask(GradientCase c)
        {
            await Task.Yield();
            Calls++;
        }

        public void TakesInt(int batch) => GC.KeepAlive(batch);

        public void TakesTwo(GradientCase c, int n) => GC.KeepAlive(n);

        public int ReturnsInt(GradientCase c) => 0;

        public Task<int> ReturnsTaskOfInt(GradientCase c) => Task.FromResult(0);

        public void Generic<T>(GradientCase c)
            where T : unmanaged, IFloatingPointIeee754<T> => GC.KeepAlive(c);

        public void TwoTypeParameters<T, TOther>(GradientCase c) => GC.KeepAlive(c);
    }
}
