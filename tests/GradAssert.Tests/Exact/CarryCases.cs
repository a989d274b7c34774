using System.Numerics;
using GradAssert.Examples.Layers;
using Support = GradAssert.Tests.Support;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Every layer of the example zoo and of the tests' own generic layers, built at any number type with fixed sizes and
/// seeds, with seeded inputs: the cases the dual carrier must carry and verify.
/// </summary>
internal static class CarryCases
{
    /// <summary>The layers beyond <see cref="ZooCases"/>: several inputs, array-segment storage, tied layers, captures.</summary>
    public static readonly string[] Extra =
    [
        "CrossAttention", "MeanSquaredErrorLoss", "RnnCell", "RecurrentEncoder", "SegmentDense", "TiedScales", "CapturedScale",
        "Test.Cubic", "Test.Exp", "Test.Softmax", "Test.Dense", "Test.Tanh", "Test.Relu", "Test.Abs",
    ];

    public static IEnumerable<string> Names => [.. ZooCases.Names, .. Extra];

    /// <summary>The generic definitions of the tests' own layers covered here, for the inventory.</summary>
    public static readonly Type[] TestTypes =
    [
        typeof(Support.Cubic<>), typeof(Support.Exp<>), typeof(Support.Softmax<>), typeof(Support.Dense<>), typeof(Support.Tanh<>),
        typeof(Support.Relu<>), typeof(Support.Abs<>),
    ];

    /// <summary>The example layers with several inputs covered here, for the inventory.</summary>
    public static readonly Type[] MultiTypes = [typeof(CrossAttention<>), typeof(MeanSquaredErrorLoss<>), typeof(RnnCell<>), typeof(RecurrentEncoder<>)];

    public static (object Layer, Tensor<T>[] Inputs) Build<T>(string name, int seed = 7) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Array.IndexOf(ZooCases.Names, name) >= 0)
        {
            return (ZooCases.Build<T>(name), [ZooCases.Input<T>(name, seed)]);
        }

        var random = new Random(seed);
        Tensor<T> Normal(params int[] shape) => new(shape, [.. Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => T.CreateTruncating(ZooCases.Normal(random)))]);
        return name switch
        {
            "CrossAttention" => (new CrossAttention<T>(), [Normal(3, 4), Normal(5, 4), Normal(5, 2)]),
            "MeanSquaredErrorLoss" => (new MeanSquaredErrorLoss<T>(), [Normal(3, 4), Normal(3, 4)]),
            "RnnCell" => (new RnnCell<T>(3, 4, seed: 3), [Normal(2, 3), Normal(2, 4)]),
            "RecurrentEncoder" => (new RecurrentEncoder<T>(3, 4, 2, seed: 3), [Normal(3, 2, 3), Normal(2, 4)]),
            "SegmentDense" => (new SegmentDense<T>(5, 4, seed: 3), [Normal(3, 5)]),
            "TiedScales" => (new TiedScales<T>(4), [Normal(3, 4)]),
            "CapturedScale" => (new CapturedScale<T>(T.CreateTruncating(1.5)), [Normal(4, 5)]),
            "Test.Cubic" => (new Support.Cubic<T>(0.5, -1, 2), [Normal(4, 5)]),
            "Test.Exp" => (new Support.Exp<T>(), [Normal(4, 5)]),
            "Test.Softmax" => (new Support.Softmax<T>(), [Normal(4, 5)]),
            "Test.Dense" => (new Support.Dense<T>(5, 3, seed: 3), [Normal(4, 5)]),
            "Test.Tanh" => (new Support.Tanh<T>(), [Normal(4, 5)]),
            "Test.Relu" => (new Support.Relu<T>(), [Normal(4, 5)]),
            "Test.Abs" => (new Support.Abs<T>(), [Normal(4, 5)]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a carry case"),
        };
    }
}
