using System.Numerics;
using GradAssert.Examples.Layers;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Every generic layer of the zoo runs unchanged at <c>Dual&lt;double&gt;</c> and <c>Dual&lt;float&gt;</c>: with the
/// plain layer's weights (tangent 0, or a seeded direction) and an input whose tangent is a seeded direction v, the
/// value parts of its output are the plain layer's output bit for bit, no conversion drops a tangent, and
/// ⟨r, output tangents⟩ = ⟨Backward(r), v⟩ (plus Σ ⟨dL/dθ, θ's direction⟩) to rounding.
/// </summary>
public sealed class ZooAtDualTests
{
    /// <summary>
    /// The layers of the examples that cannot run at a dual type, and why. Every other <see cref="ILayer{T}"/> there is a
    /// case of this class, or a wrapper around one: <see cref="ScaledGradient{T}"/>, the planted bug (below), and
    /// <see cref="CountingForwards{T}"/>.
    /// </summary>
    private static readonly Dictionary<Type, string> NotCarried = new()
    {
        [typeof(GradAssert.Examples.Layers.Course.Linear)] = "not generic: written for double (MathNet matrices of double)",
        [typeof(GradAssert.Examples.Layers.Course.Relu)] = "not generic: written for double",
        [typeof(GradAssert.Examples.Layers.Course.Sigmoid)] = "not generic: written for double",
        [typeof(GradAssert.Examples.Layers.Course.CrossEntropyCost)] = "not generic: written for double",
        [typeof(LibraryDenseAdapter)] = "not generic: an ILayer<float> over a library's own float storage",
    };

    public static TheoryData<string> Layers => [.. ZooCases.Names];

    public static TheoryData<string> DifferentiableInputs => [.. ZooCases.Names.Where(n => !ZooCases.TakesIndices(n))];

    public static TheoryData<string> WithParameters => [.. ZooCases.Names.Where(n => ZooCases.Build<double>(n).Parameters.Count > 0)];

    [Theory]
    [MemberData(nameof(DifferentiableInputs))]
    public void Along_an_input_direction_the_dual_pass_matches_the_backward_in_double(string name) =>
        DualPassMatches<double>(name, seedInput: true, seedParameters: false, relative: 1e-12);

    [Theory]
    [MemberData(nameof(DifferentiableInputs))]
    public void Along_an_input_direction_the_dual_pass_matches_the_backward_in_float(string name) =>
        DualPassMatches<float>(name, seedInput: true, seedParameters: false, relative: 1e-5);

    [Theory]
    [MemberData(nameof(WithParameters))]
    public void Along_a_parameter_direction_the_dual_pass_matches_the_backward_in_double(string name) =>
        DualPassMatches<double>(name, seedInput: false, seedParameters: true, relative: 1e-12);

    [Theory]
    [MemberData(nameof(WithParameters))]
    public void Along_a_parameter_direction_the_dual_pass_matches_the_backward_in_float(string name) =>
        DualPassMatches<float>(name, seedInput: false, seedParameters: true, relative: 1e-5);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Along_every_tensor_at_once_the_dual_pass_matches_the_backward_over_seeds(string name)
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            DualPassMatches<double>(name, seedInput: true, seedParameters: true, relative: 1e-12, seed);
            DualPassMatches<float>(name, seedInput: true, seedParameters: true, relative: 1e-5, seed);
        }
    }

    [Fact]
    public void A_backward_a_billionth_off_fails_the_tolerance_of_these_tests()
    {
        var plain = new ScaledGradient<double>(new Dense<double>(5, 4, seed: 3), "input", 1 + 1e-9);
        var dual = new Dense<Dual<double>>(5, 4, seed: 3);

        var pass = DualPass.Run(plain, dual, ZooCases.Input<double>("Dense", 1), seedInput: true, seedParameters: false, seed: 1);

        Math.Abs(pass.Forward - pass.Backward).ShouldBeGreaterThan(1e-12 * pass.Scale);
    }

    [Fact]
    public void Every_layer_of_the_examples_is_a_case_here_or_says_why_it_cannot_run_at_a_dual_type()
    {
        var layers = typeof(Dense<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ILayer<>)));

        var wrappers = new[] { typeof(ScaledGradient<>), typeof(CountingForwards<>) }; // around a zoo layer, in tests of their own
        var unaccounted = layers.Where(t => !ZooCases.Types.Contains(t) && !NotCarried.ContainsKey(t) && !wrappers.Contains(t));

        unaccounted.Select(t => t.FullName).ShouldBeEmpty();
        NotCarried.Keys.ShouldAllBe(t => !t.IsGenericTypeDefinition);
    }

    private static void DualPassMatches<T>(string name, bool seedInput, bool seedParameters, double relative, int seed = 7)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var dropped = DroppedTangents.Start();
        var pass = DualPass.Run(ZooCases.Build<T>(name), ZooCases.Build<Dual<T>>(name), ZooCases.Input<T>(name, seed), seedInput && !ZooCases.TakesIndices(name), seedParameters, seed);

        pass.ValueMismatches.ShouldBeEmpty();
        dropped.Count.ShouldBe(0);
        pass.Scale.ShouldBeGreaterThan(0);
        Math.Abs(pass.Forward - pass.Backward).ShouldBeLessThanOrEqualTo(relative * pass.Scale, $"⟨r, J·v⟩ = {pass.Forward:R}, ⟨Jᵀr, v⟩ = {pass.Backward:R}");
    }
}
