using static GradAssert.Analyzers.Tests.Snippets;

namespace GradAssert.Analyzers.Tests;

/// <summary>Every shape the signature contract allows gives no diagnostic, under each adapter.</summary>
public class ValidShapeTests
{
    [Fact]
    public Task A_void_method_taking_one_case_is_fine_under_xUnit() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck(Cases = 25, Seed = 1234)]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """);

    [Fact]
    public Task A_void_method_taking_one_case_is_fine_under_NUnit() => VerifyAsync(NUnitUsings + $$"""
        public class Checks
        {
            [GradientCheck(Replay = "5:2:4")]
            public static void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """);

    [Fact]
    public Task An_async_Task_method_is_fine() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public async Task Dense_matches(GradientCase c)
            {
                await Task.Yield();
                {{Check}}
            }
        }
        """);

    [Fact]
    public Task A_ValueTask_method_is_fine() => VerifyAsync(NUnitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public ValueTask Dense_matches(GradientCase c)
            {
                {{Check}}
                return default;
            }
        }
        """);

    [Fact]
    public Task A_generic_method_with_float_and_double_on_the_attribute_is_fine() => VerifyAsync(FutureUsings + """
        using System.Numerics;

        public class Checks
        {
            [GradientCheck(typeof(float), typeof(double), Cases = 10)]
            public void Dense_matches<T>(GradientCase c)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                GradientAssert.Layer(new Sequential<T>(), c.Normal<T>(2, 3));
            }
        }
        """ + FutureAdapter);

    [Fact]
    public Task A_generic_method_with_one_type_on_the_attribute_is_fine() => VerifyAsync(FutureUsings + """
        using System.Numerics;

        public class Checks
        {
            [GradientCheck(typeof(double))]
            public async ValueTask Dense_matches<T>(GradientCase c)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                await Task.Yield();
                GradientAssert.Layer(new Sequential<T>(), c.Normal<T>(2, 3));
            }
        }
        """ + FutureAdapter);

    [Fact]
    public Task An_attribute_named_GradientCheck_outside_GradAssert_is_ignored() => VerifyAsync("""
        using System;

        namespace MyLab
        {
            public sealed class GradientCheckAttribute : Attribute { }

            public class Checks
            {
                [GradientCheck]
                public int Anything(string text) => text.Length;
            }
        }
        """);
}
