namespace GradAssert.Tests.Tensors;

public sealed class ParameterTests
{
    [Fact]
    public void Gradient_must_have_the_value_shape()
    {
        var error = Should.Throw<ArgumentException>(() => new Parameter<double>("W", new Tensor<double>(2, 3), new Tensor<double>(3, 2)));

        error.Message.ShouldContain("'W'");
        error.Message.ShouldContain("[3,2]");
        error.Message.ShouldContain("[2,3]");
    }

    [Fact]
    public void Value_and_gradient_must_not_share_storage()
    {
        var data = new double[4];

        Should.Throw<ArgumentException>(() => new Parameter<double>("b", new Tensor<double>([4], data), new Tensor<double>([4], data)))
            .Message.ShouldContain("share one array");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Name_must_not_be_blank(string name)
    {
        Should.Throw<ArgumentException>(() => new Parameter<double>(name, new Tensor<double>(1)));
    }

    [Fact]
    public void Parameter_without_a_gradient_gets_a_zero_buffer_of_its_shape()
    {
        var p = new Parameter<float>("gamma", new Tensor<float>([2, 2], [1f, 2f, 3f, 4f]));

        p.Gradient.Shape.ShouldBe([2, 2]);
        p.Gradient.Data.ShouldAllBe(v => v == 0f);
        p.Name.ShouldBe("gamma");
    }
}
