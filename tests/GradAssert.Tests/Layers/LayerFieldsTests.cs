using System.Text;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Layers;

/// <summary>
/// The one walk over a layer's fields and its rules for what may be copied: numbers, counters, arrays, tensors, nested
/// layers and lists of them; never handles, streams, delegates, static fields or parameters; a generator is reported.
/// The hidden-state capture uses it, and the exact reference will carry a layer to Dual&lt;T&gt; over the same fields.
/// </summary>
public sealed class LayerFieldsTests
{
    [Fact]
    public void The_walk_takes_numbers_counters_arrays_tensors_layers_and_lists_of_them_and_nothing_else()
    {
        var fields = LayerFields.Walk<double>([new EveryKind()]).Where(f => f.Owner == "EveryKind");

        fields.Select(f => $"{f.Name}: {f.Kind}").ShouldBe(
        [
            "_steps: Counter",
            "_training: Counter",
            "_running: Array",
            "_mask: Array",
            "_cache: Tensor",
            "_unset: Tensor",
            "_perStep: Tensors",
            "_inner: Layer",
            "_children: Layers",
            "_random: Generator",
            "Temperature: Number",
        ]);
    }

    [Fact]
    public void Nested_layers_and_the_layers_in_lists_are_walked_in_turn_each_once()
    {
        var layer = new EveryKind();

        var owners = LayerFields.Walk<double>([layer, layer]).Select(f => f.Owner).Distinct();

        owners.ShouldBe(["EveryKind", "Tanh", "Dense", "Relu"]);
    }

    /// <summary>A layer with a field of every kind the walk knows, and of kinds it never copies.</summary>
    private sealed class EveryKind : ILayer<double>
    {
        private static readonly double[] SharedTable = [1, 2, 3];
        private readonly int _steps = 3;
        private readonly bool _training = true;
        private readonly double[] _running = [0, 0];
        private readonly bool[] _mask = [true];
        private readonly Tensor<double> _cache = new(2);
        private readonly Tensor<double>? _unset = null;
        private readonly List<Tensor<double>> _perStep = [new(1)];
        private readonly ILayer<double> _inner = new Tanh<double>();
        private readonly List<ILayer<double>> _children = [new Dense<double>(2, 2, seed: 1), new Relu<double>()];
        private readonly Random _random = new(1);
        private readonly Stream _log = new MemoryStream();
        private readonly Func<double, double> _activation = Math.Tanh;
        private readonly StringBuilder _notes = new();
        private readonly IntPtr _handle = IntPtr.Zero;
        private readonly Parameter<double> _w = new("W", new Tensor<double>(2));

        public double Temperature { get; set; } = 1;

        public IReadOnlyList<Parameter<double>> Parameters => [_w];

        public Tensor<double> Forward(Tensor<double> input) => input;

        public Tensor<double>? Backward(Tensor<double> outputGradient) => outputGradient;

        public override string ToString() =>
            $"{SharedTable.Length}{_steps}{_training}{_running.Length}{_mask.Length}{_cache}{_unset}{_perStep.Count}{_inner}{_children.Count}{_random}{_log}{_activation}{_notes}{_handle}";
    }
}
