using System.Numerics;

namespace GradAssert.Tests.Tensors;

public sealed class LayerNameTests
{
    [Fact]
    public void Generic_layer_is_named_without_its_arity()
    {
        ILayer<double> layer = new Square<double>();

        layer.Name.ShouldBe("Square");
    }

    [Fact]
    public void Generic_layer_is_blamed_and_tabled_by_its_plain_name()
    {
        var report = GradCheck.Layer(new Square<double> { Bug = 2 }, new GradientCase(1).Normal<double>(2, 3));

        report.Blamed.ShouldBe(["Square"]);
        report.ToString().ShouldNotContain("`");
        report.ToJson().ShouldNotContain("`");
        report.ToMarkdown().ShouldNotContain("`Square`1`");
    }

    /// <summary>y = x², element-wise, with a generic type parameter and no Name of its own.</summary>
    private sealed class Square<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Tensor<T> _input = new(0);

        public double Bug { get; init; } = 1;

        public IReadOnlyList<Parameter<T>> Parameters => [];

        public Tensor<T> Forward(Tensor<T> input)
        {
            _input = input.Clone();
            return new Tensor<T>(input.Shape.ToArray(), input.Data.Select(x => x * x).ToArray());
        }

        public Tensor<T>? Backward(Tensor<T> outputGradient) =>
            new(_input.Shape.ToArray(), _input.Data.Zip(outputGradient.Data, (x, dy) => T.CreateTruncating(Bug) * (x + x) * dy).ToArray());
    }
}
