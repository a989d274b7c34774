using System.Numerics;
using System.Runtime.InteropServices;
using GradAssert.Examples.Layers;
using GradAssert.Exact;
using MathNet.Numerics.LinearAlgebra;
using CourseLayers = GradAssert.Examples.Layers.Course;

namespace GradAssert.Tests.Exact;

/// <summary>
/// A user's layer is carried to the dual type by itself, field by field, and trusted only when the carried copy
/// computes the user's outputs and gradients bit for bit on the check's input; otherwise it says why in one line.
/// </summary>
public sealed class DualCarrierTests
{
    /// <summary>The layers of the examples that do not carry, with the reason the carrier gives.</summary>
    private static readonly Dictionary<Type, (Func<object> Build, int[] Shape, string Reason)> FallsBack = new()
    {
        [typeof(CourseLayers.Linear)] = (() => new CourseLayers.Linear("Linear1", Matrix<double>.Build.Dense(4, 3, 0.1), Matrix<double>.Build.Dense(4, 1)), [3, 2],
            "Linear1 is not generic: an ILayer<double>-only class"),
        [typeof(CourseLayers.Relu)] = (() => new CourseLayers.Relu(), [4, 5], "Relu is not generic: an ILayer<double>-only class"),
        [typeof(CourseLayers.Sigmoid)] = (() => new CourseLayers.Sigmoid(), [4, 5], "Sigmoid is not generic: an ILayer<double>-only class"),
        [typeof(CourseLayers.CrossEntropyCost)] = (() => new CourseLayers.CrossEntropyCost([1, 0, 1, 0, 1]), [1, 5], "Cost is not generic: an ILayer<double>-only class"),
    };

    public static TheoryData<string> Cases => [.. CarryCases.Names];

    public static TheoryData<string> CorrectCases => [.. CarryCases.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_layer_of_the_zoo_carries_and_verifies_in_double(string name) => Carries<double>(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_layer_of_the_zoo_carries_and_verifies_in_float(string name) => Carries<float>(name);

    [Theory]
    [MemberData(nameof(CorrectCases))]
    public void Tangents_of_the_carried_layer_match_the_user_s_backward_to_rounding_in_double(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var (relative, forward, backward) = TangentAgreement<double>(name, seed);
            relative.ShouldBeLessThanOrEqualTo(1e-13, $"seed {seed}: ⟨r, J·v⟩ = {forward:R}, ⟨Jᵀr, v⟩ = {backward:R}");
        }
    }

    [Theory]
    [MemberData(nameof(CorrectCases))]
    public void Tangents_of_the_carried_layer_match_the_user_s_backward_to_rounding_in_float(string name)
    {
        var (relative, forward, backward) = TangentAgreement<float>(name, 1);
        relative.ShouldBeLessThanOrEqualTo(1e-5, $"⟨r, J·v⟩ = {forward:R}, ⟨Jᵀr, v⟩ = {backward:R}");
    }

    [Fact]
    public void A_planted_error_of_a_billionth_shows_in_the_tangents_of_the_carried_layer()
    {
        var planted = new ScaledGradient<double>(new Dense<double>(5, 4, seed: 3), "input", 1 + 1e-9);
        var input = ZooCases.Input<double>("Dense", 1);

        var (relative, _, _) = TangentAgreement<double>(planted, [input], seed: 1);

        relative.ShouldBeGreaterThan(1e-12); // 50 times the tolerance of the tangent tests above
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Carrying_and_verifying_leaves_the_user_s_layer_bit_for_bit_as_it_was(string name)
    {
        var (layer, inputs) = CarryCases.Build<double>(name);
        new LayerForm<double>(layer, writesValues: false).Forward([.. inputs.Select(i => i.Clone())]); // caches and running statistics not at their start
        var before = Fingerprint.Of(layer);

        CarriedLayer<double>.Of(layer, inputs, seed: 5).Reason.ShouldBeNull();

        Fingerprint.Of(layer).ShouldBe(before);
    }

    [Fact]
    public void Every_layer_of_the_examples_carries_or_falls_back_with_its_reason()
    {
        var layers = typeof(Dense<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ILayer<>) || i.GetGenericTypeDefinition() == typeof(IMultiTensorLayer<>))));
        // The wrappers are carried around a zoo layer in tests of their own (CountingForwards in ReferenceOptionTests).
        var covered = ZooCases.Types.Concat(CarryCases.MultiTypes).Append(typeof(ScaledGradient<>)).Append(typeof(CountingForwards<>)).Append(typeof(LibraryDenseAdapter));

        layers.Where(t => !covered.Contains(t) && !FallsBack.ContainsKey(t)).Select(t => t.FullName).ShouldBeEmpty();
        foreach (var (type, (build, shape, reason)) in FallsBack)
        {
            CarriedLayer<double>.Of(build(), [Filled(shape)], seed: 1).Reason.ShouldBe(reason, type.Name);
        }

        var adapter = new LibraryDenseAdapter(new GradAssert.Examples.Layers.ThirdParty.LibDense(3, 2, seed: 1));
        CarriedLayer<float>.Of(adapter, [new Tensor<float>(2, 3)], seed: 1).Reason.ShouldBe("LibDense is not generic: an ILayer<float>-only class");
    }

    [Fact]
    public void A_planted_bug_carries_as_it_is_so_that_the_exact_reference_can_catch_it()
    {
        var planted = new ScaledGradient<double>(new Dense<double>(5, 4, seed: 3), "W", 2);

        CarriedLayer<double>.Of(planted, [ZooCases.Input<double>("Dense", 1)], seed: 1).Reason.ShouldBeNull();
    }

    [Fact]
    public void A_layer_that_is_not_generic_does_not_carry()
    {
        var layer = new Support.ResidualBlock(4, seed: 3);

        CarriedLayer<double>.Of(layer, [Filled([3, 4])], seed: 1).Reason.ShouldBe("Residual is not generic: an ILayer<double>-only class");
    }

    [Fact]
    public void A_lambda_written_at_double_does_not_carry_and_the_reason_names_its_field()
    {
        var layer = new Activated<double>(x => Math.Tanh(x), x => 1 - (Math.Tanh(x) * Math.Tanh(x)));

        CarriedLayer<double>.Of(layer, [Filled([3, 4])], seed: 1).Reason.ShouldBe("Activated: field `activation` is a Func<double, double> written at double");
    }

    [Fact]
    public void A_forward_that_leaves_generic_math_does_not_carry_though_its_values_are_right()
    {
        var layer = new LeavesGenericMath<double>();

        CarriedLayer<double>.Of(layer, [Filled([3, 4])], seed: 1).Reason.ShouldBe(
            "LeavesGenericMath: its Forward leaves generic math (12 conversion(s) of a moving number to double, as in Math.Tanh(double.CreateChecked(x))), which drops the derivative");
    }

    [Fact]
    public void A_layer_over_MathNet_matrices_does_not_carry()
    {
        var layer = new MatrixBacked<double>(4, 3);

        CarriedLayer<double>.Of(layer, [Filled([2, 4])], seed: 1).Reason.ShouldBe("MatrixBacked: field `_w` is a MathNet DenseMatrix, a library's own storage of double");
    }

    [Fact]
    public void A_parameter_over_MathNet_matrices_does_not_carry_and_the_reason_names_the_parameter()
    {
        var w = Parameter<double>.Over("W", Matrix<double>.Build.Dense(1, 4, 0.5), Matrix<double>.Build.Dense(1, 4));

        CarriedLayer<double>.Of(new SharedRowScale<double>(w), [Filled([3, 4])], seed: 1).Reason.ShouldBe(
            "SharedRowScale: parameter `W`: its storage is a MathNet Matrix<double>");
    }

    [Fact]
    public void Streams_callbacks_strings_and_the_compiler_s_lambda_cache_are_shared_never_copied()
    {
        using var log = new MemoryStream();
        Action<string> notify = _ => { };
        var layer = new WithResources<double>(log, notify);

        var carried = CarriedLayer<double>.Of(layer, [Filled([3, 4])], seed: 1);

        carried.Reason.ShouldBeNull();
        var dual = (WithResources<Dual<double>>)carried.Dual!.Form.Layer;
        dual.Log.ShouldBeSameAs(log);
        dual.Notify.ShouldBeSameAs(notify);
        dual.Labels.ShouldBeSameAs(layer.Labels);
        var cache = typeof(WithResources<Dual<double>>).GetNestedTypes(System.Reflection.BindingFlags.NonPublic)
            .Single(t => t.Name.StartsWith("<>c", StringComparison.Ordinal)).MakeGenericType(typeof(Dual<double>));
        var twice = (Delegate)typeof(WithResources<Dual<double>>).GetField("_twice", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(dual)!;
        twice.Target.ShouldBeSameAs(cache.GetField("<>9")!.GetValue(null));
    }

    [Fact]
    public void Code_that_computes_other_values_at_the_dual_type_does_not_carry_and_the_reason_names_the_element()
    {
        CarriedLayer<double>.Of(new TypeSwitched<double>(), [Filled([3, 4])], seed: 1).Reason.ShouldBe("TypeSwitched: value parts differ from Forward at y[0,0]");
    }

    [Fact]
    public void A_stateful_layer_carries_its_state_and_keeps_its_own()
    {
        var layer = new RunningBatchNorm<double>(4, seed: 3);
        var input = ZooCases.Input<double>("RunningBatchNorm", 2);
        layer.Forward(input.Clone());
        double[] mean = [.. layer.RunningMean], variance = [.. layer.RunningVariance];

        var carried = CarriedLayer<double>.Of(layer, [input], seed: 1);

        carried.Reason.ShouldBeNull();
        layer.RunningMean.ShouldBe(mean);
        layer.RunningVariance.ShouldBe(variance);
        var dual = (RunningBatchNorm<Dual<double>>)carried.Dual!.Form.Layer;
        dual.RunningMean.Select(d => d.Value).ShouldBe(mean);
        dual.RunningMean.Select(d => d.Tangent).ShouldAllBe(t => t == 0);
    }

    [Fact]
    public void A_parameter_tied_between_two_sub_layers_stays_tied_at_the_dual_type()
    {
        var carried = CarriedLayer<double>.Of(new TiedScales<double>(4), [Filled([3, 4])], seed: 1);

        carried.Reason.ShouldBeNull();
        var scales = LayerFields.NestedLayers<Dual<double>>(carried.Dual!.Form.Layer).Select(n => n.Layer).OfType<SharedRowScale<Dual<double>>>().ToArray();
        scales.Length.ShouldBe(2);
        scales[1].Parameters[0].ShouldBeSameAs(scales[0].Parameters[0]);
        scales[0].Parameters[0].ShouldBeSameAs(carried.Dual.Parameters[0]);
    }

    [Fact]
    public void Array_segment_storage_is_carried_into_the_carried_buffer()
    {
        var carried = CarriedLayer<double>.Of(new SegmentDense<double>(5, 4, seed: 3), [Filled([3, 5])], seed: 1);

        carried.Reason.ShouldBeNull();
        var regions = carried.Dual!.Parameters.Select(p => p.Storage!.Region!.Value).ToArray();
        regions[0].Array.ShouldBeSameAs(regions[1].Array);
        (regions[0].Offset, regions[0].Length, regions[1].Offset, regions[1].Length).ShouldBe((0, 20, 20, 4));
    }

    [Fact]
    public void A_lambda_of_the_layer_s_own_generic_code_is_bound_again_at_the_dual_type()
    {
        var carried = CarriedLayer<double>.Of(new CapturedScale<double>(1.5), [Filled([3, 4])], seed: 1);

        carried.Reason.ShouldBeNull();
        carried.Dual!.Form.Layer.ShouldBeOfType<CapturedScale<Dual<double>>>();
    }

    private static void Carries<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (layer, inputs) = CarryCases.Build<T>(name);

        var carried = CarriedLayer<T>.Of(layer, inputs, seed: 11);

        carried.Reason.ShouldBeNull();
        carried.Dual.ShouldNotBeNull();
    }

    private static (double Relative, double Forward, double Backward) TangentAgreement<T>(string name, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (layer, inputs) = CarryCases.Build<T>(name, seed);
        return TangentAgreement(layer, inputs, seed);
    }

    /// <summary>
    /// ⟨r, J·v⟩ from the carried layer's output tangents against ⟨Jᵀr, v⟩ from the user's Backward, with v a seeded
    /// direction over every differentiable input and every parameter: their difference relative to the sum of the
    /// absolute terms.
    /// </summary>
    private static (double Relative, double Forward, double Backward) TangentAgreement<T>(object layer, Tensor<T>[] inputs, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plain = PlainRun<T>.Of(layer, inputs, seed);
        var carried = CarriedLayer<T>.Of(layer, inputs, plain, seed);
        carried.Reason.ShouldBeNull();
        var dual = carried.Dual!;
        dual.Reset();
        var random = new Random(seed * 31);
        var terms = new List<double>();
        for (int p = 0; p < dual.Parameters.Count; p++)
        {
            var data = dual.Parameters[p].Value.Data;
            for (int i = 0; i < data.Length; i++)
            {
                T v = T.CreateTruncating(ZooCases.Normal(random));
                data[i] = new Dual<T>(data[i].Value, v);
                terms.Add(double.CreateTruncating(plain.ParameterGradients[p][i]) * double.CreateTruncating(v));
            }
        }

        var moving = inputs.Select((x, k) => new Tensor<Dual<T>>([.. x.Shape], [.. x.Data.Select((value, i) =>
        {
            // An input that is not differentiable (indices, a target) does not move.
            T v = plain.InputGradients[k] is { } g ? T.CreateTruncating(ZooCases.Normal(random)) : T.Zero;
            if (plain.InputGradients[k] is { } gradient)
            {
                terms.Add(double.CreateTruncating(gradient.Data[i]) * double.CreateTruncating(v));
            }

            return new Dual<T>(value, v);
        })])).ToArray();

        var outputs = dual.Form.Forward(moving);
        var forward = outputs.SelectMany((y, k) => y.Data.Select((d, i) => double.CreateTruncating(plain.Upstream[k].Data[i]) * double.CreateTruncating(d.Tangent))).ToArray();
        double scale = forward.Sum(Math.Abs) + terms.Sum(Math.Abs);
        scale.ShouldBeGreaterThan(0);
        return (Math.Abs(forward.Sum() - terms.Sum()) / scale, forward.Sum(), terms.Sum());
    }

    private static Tensor<double> Filled(int[] shape)
    {
        var random = new Random(3);
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++)
        {
            t.Data[i] = ZooCases.Normal(random);
        }

        return t;
    }

    /// <summary>Everything of a layer a check could change, as text: every field the walk reaches, and every parameter's value and gradient (and storage).</summary>
    private static class Fingerprint
    {
        public static List<string> Of(object layer)
        {
            var lines = new List<string>();
            foreach (var field in LayerFields.Walk<double>([layer]))
            {
                lines.Add($"{field.Owner}.{field.Name}: {Show(field.Value)}");
            }

            var parameters = (layer as ILayer<double>)?.Parameters ?? ((IMultiTensorLayer<double>)layer).Parameters;
            foreach (var parameter in parameters)
            {
                var stored = new double[parameter.Value.Length];
                parameter.Storage?.ReadValues(stored);
                lines.Add($"{parameter.Name}: {Show(parameter.Value.Data)} / {Show(parameter.Gradient.Data)} / {Show(stored)}");
                parameter.Storage?.ReadGradient(stored);
                lines.Add($"{parameter.Name} stored gradient: {Show(stored)}");
            }

            return lines;
        }

        private static string Show(object? value) => value switch
        {
            null => "null",
            double[] data => Convert.ToHexString(MemoryMarshal.AsBytes(data.AsSpan())),
            Tensor<double> tensor => Show(tensor.Data),
            Array array => string.Join(",", array.Cast<object?>().Select(Show)),
            System.Collections.IList list => "[" + string.Join(",", list.Cast<object?>().Select(Show)) + "]",
            double number => BitConverter.DoubleToInt64Bits(number).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "?",
        };
    }
}
