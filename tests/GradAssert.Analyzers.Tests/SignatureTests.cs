using static GradAssert.Analyzers.Tests.Snippets;

namespace GradAssert.Analyzers.Tests;

/// <summary>GA0001: a [GradientCheck] method with a signature the attribute cannot run, reported where to change it.</summary>
public class SignatureTests
{
    [Fact]
    public Task An_int_parameter_instead_of_a_GradientCase_is_GA0001_saying_what_fits() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void Wrong_signature{|#0:(int batch)|} => GC.KeepAlive(batch);
        }
        """,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Wrong_signature': it takes (int batch); take exactly one GradientCase, as in 'public void Wrong_signature(GradientCase c)'"));

    [Fact]
    public Task No_parameter_is_GA0001_on_the_parameter_list() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches{|GA0001:()|} { }
        }
        """);

    [Fact]
    public Task A_second_parameter_beside_the_case_is_GA0001() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches{|GA0001:(GradientCase c, int batch)|} => GC.KeepAlive(batch);
        }
        """);

    [Fact]
    public Task A_case_taken_by_ref_is_GA0001() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches{|#0:(ref GradientCase c)|} => GC.KeepAlive(c);
        }
        """,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Dense_matches': it takes (ref GradientCase c); take exactly one GradientCase, as in 'public void Dense_matches(GradientCase c)'"));

    [Fact]
    public Task A_returned_value_is_GA0001_on_the_return_type_saying_what_fits() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public {|#0:int|} Dense_matches(GradientCase c)
            {
                {{Check}}
                return 0;
            }
        }
        """,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Dense_matches': it returns int; return void, Task or ValueTask"));

    [Fact]
    public Task A_Task_of_a_value_is_GA0001() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public async {|GA0001:Task<int>|} Dense_matches(GradientCase c)
            {
                await Task.Yield();
                {{Check}}
                return 0;
            }
        }
        """);

    [Fact]
    public Task Each_broken_rule_is_its_own_GA0001() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [GradientCheck]
            public {|GA0001:bool|} Dense_matches{|GA0001:(double tolerance)|} => tolerance > 0;
        }
        """);

    [Fact]
    public Task A_generic_method_without_types_on_the_attribute_is_GA0001_saying_how_to_name_them() => VerifyAsync(FutureUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches{|#0:<T>|}(GradientCase c)
            {
                {{Check}}
            }
        }
        """ + FutureAdapter,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Dense_matches': it is generic, but the attribute names no type for T; name float, double or both, as in [GradientCheck(typeof(float), typeof(double))]"));

    [Fact]
    public Task Two_type_parameters_are_GA0001() => VerifyAsync(FutureUsings + $$"""
        public class Checks
        {
            [GradientCheck(typeof(float))]
            public void Dense_matches{|#0:<T, U>|}(GradientCase c)
            {
                {{Check}}
            }
        }
        """ + FutureAdapter,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Dense_matches': it has 2 type parameters (T, U); a generic [GradientCheck] method has exactly one, whose types the attribute names, as in [GradientCheck(typeof(float), typeof(double))]"));

    [Fact]
    public Task Types_on_the_attribute_of_a_non_generic_method_are_GA0001_on_the_attribute() => VerifyAsync(FutureUsings + $$"""
        public class Checks
        {
            [{|#0:GradientCheck(typeof(float), typeof(double))|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """ + FutureAdapter,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Dense_matches': the attribute names typeof(float), typeof(double), but the method is not generic; give it one type parameter, as in 'public void Dense_matches<T>(GradientCase c)', or name no types"));

    [Fact]
    public Task A_type_other_than_float_or_double_is_GA0001_naming_it() => VerifyAsync(FutureUsings + $$"""
        public class Checks
        {
            [{|#0:GradientCheck(typeof(double), typeof(decimal), Cases = 5)|}]
            public void Dense_matches<T>(GradientCase c)
            {
                {{Check}}
            }
        }
        """ + FutureAdapter,
        Diagnostic("GA0001", "[GradientCheck] cannot run 'Dense_matches': the attribute names typeof(decimal); a [GradientCheck] method runs for float and double only, as in [GradientCheck(typeof(float), typeof(double))]"));

    [Fact]
    public Task A_wrong_signature_is_GA0001_under_NUnit_too() => VerifyAsync(NUnitUsings + """
        public class Checks
        {
            [GradientCheck(Cases = 3)]
            public void Dense_matches{|GA0001:(int batch)|} => GC.KeepAlive(batch);
        }
        """);

    [Fact]
    public Task A_wrong_signature_is_GA0001_under_an_adapter_released_after_the_analyzer() => VerifyAsync(FutureUsings + """
        public class Checks
        {
            [GradientCheck]
            public void Dense_matches{|GA0001:(object c)|} => GC.KeepAlive(c);
        }
        """ + FutureAdapter);
}
