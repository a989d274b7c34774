using static GradAssert.Analyzers.Tests.Snippets;

namespace GradAssert.Analyzers.Tests;

/// <summary>
/// GA0003: a [GradientCheck] body that never calls a check. Anything that may check counts, so that no passing test is
/// flagged: a GradAssert check, a Shouldly assertion from GradAssert.Shouldly, or any method of the project itself.
/// </summary>
public class CheckCallTests
{
    [Fact]
    public Task A_body_that_checks_nothing_is_GA0003_saying_what_to_call() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void {|#0:Dense_matches|}(GradientCase c)
            {
                var input = c.Normal<double>(c.Dim("batch", 1, 4), 3);
                GC.KeepAlive(input);
            }
        }
        """,
        Diagnostic("GA0003", "'Dense_matches' never calls a gradient check, so its cases pass whatever the backward pass computes: call GradientAssert.Layer (or GradCheck.Layer, GradientAssert.Function, ShouldPassGradientCheck) with the case's layer and input"));

    [Fact]
    public Task An_empty_async_body_is_GA0003() => VerifyAsync(NUnitUsings + """
        public class Checks
        {
            [GradientCheck]
            public async Task {|GA0003:Dense_matches|}(GradientCase c) => await Task.Delay(c.Dim("ms", 0, 1));
        }
        """);

    [Fact]
    public Task GradientAssert_Layer_is_a_check() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches(GradientCase c) => {{Check}}
        }
        """);

    [Fact]
    public Task GradCheck_Layer_with_an_assertion_on_its_report_is_a_check() => VerifyAsync(XunitUsings + """
        using Xunit;

        public class Checks
        {
            [GradientCheck]
            public void Dense_matches(GradientCase c)
            {
                var report = GradCheck.Layer(new Sequential<float>(), c.Normal<float>(2, 3));
                Assert.True(report.Passed);
            }
        }
        """);

    [Fact]
    public Task ShouldPassGradientCheck_is_a_check() => VerifyAsync(XunitUsings + """
        using GradAssert.Shouldly;

        public class Checks
        {
            [GradientCheck]
            public void Dense_matches(GradientCase c) => new Sequential<double>().ShouldPassGradientCheck(c.Normal<double>(2, 3));
        }
        """);

    [Fact]
    public Task ShouldPass_on_a_report_is_a_check() => VerifyAsync(NUnitUsings + """
        using GradAssert.Shouldly;

        public class Checks
        {
            [GradientCheck]
            public void Dense_matches(GradientCase c)
            {
                GradientReport report = GradCheck.Layer(new Sequential<double>(), c.Normal<double>(2, 3));
                report.ShouldPass();
            }
        }
        """);

    [Fact]
    public Task A_call_of_a_method_declared_in_the_project_is_taken_as_a_check() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches(GradientCase c) => CheckDense(c, batch: 2);

            private static void CheckDense(GradientCase c, int batch) => GradientAssert.Layer(new Sequential<double>(), c.Normal<double>(batch, 3));
        }
        """);

    [Fact]
    public Task A_check_inside_a_lambda_or_local_function_counts() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public void In_a_lambda(GradientCase c)
            {
                Action check = () => {{Check}}
                check();
            }

            [GradientCheck]
            public void In_a_local_function(GradientCase c)
            {
                Run();

                void Run() => Console.WriteLine(GradCheck.Layer(new Sequential<double>(), c.Normal<double>(2, 3)));
            }
        }
        """);

    [Fact]
    public Task A_method_that_only_calls_itself_is_still_GA0003() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void {|GA0003:Dense_matches|}(GradientCase c)
            {
                if (c.Index < 0)
                {
                    Dense_matches(c);
                }
            }
        }
        """);

    [Fact]
    public Task A_method_with_a_wrong_signature_gets_GA0001_only() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches{|GA0001:(int batch)|} { }
        }
        """);
}
