using MathNet.Numerics.LinearAlgebra;

namespace GradAssert.Tests.Tensors;

public sealed class TensorTests
{
    [Fact]
    public void New_tensor_is_zero_filled_with_the_product_of_its_shape()
    {
        var t = new Tensor<double>(2, 3, 4);

        t.Length.ShouldBe(24);
        t.Shape.ShouldBe([2, 3, 4]);
        t.Data.ShouldAllBe(v => v == 0);
    }

    [Fact]
    public void Tensor_of_no_dimensions_is_a_scalar()
    {
        var t = new Tensor<float>();

        t.Length.ShouldBe(1);
        t[[]] = 2f;
        t[[]].ShouldBe(2f);
    }

    [Fact]
    public void Wrapping_an_array_shares_it_without_copying()
    {
        var data = new[] { 1.0, 2, 3, 4, 5, 6 };
        var t = new Tensor<double>([2, 3], data);

        t.Data.ShouldBeSameAs(data);
        data[4] = 50;
        t[1, 1].ShouldBe(50);
    }

    [Fact]
    public void Data_whose_length_differs_from_the_shape_is_rejected()
    {
        var error = Should.Throw<ArgumentException>(() => new Tensor<double>([2, 3], new double[5]));

        error.Message.ShouldContain("5 values");
        error.Message.ShouldContain("[2,3]");
        error.Message.ShouldContain("6");
    }

    [Fact]
    public void Negative_dimension_is_rejected()
    {
        Should.Throw<ArgumentException>(() => new Tensor<double>(2, -1)).Message.ShouldContain("negative");
    }

    [Fact]
    public void Indexer_is_row_major()
    {
        var t = new Tensor<double>([2, 3], [0, 1, 2, 3, 4, 5]);

        t[0, 2].ShouldBe(2);
        t[1, 0].ShouldBe(3);
        t[1, 2] = 9;
        t.Data[5].ShouldBe(9);
    }

    [Fact]
    public void Index_of_the_wrong_rank_is_rejected_with_both_ranks()
    {
        var t = new Tensor<double>(2, 3);

        Should.Throw<ArgumentException>(() => t[1]).Message.ShouldContain("rank 2");
    }

    [Fact]
    public void Index_outside_a_dimension_is_rejected_with_the_shape()
    {
        var t = new Tensor<double>(2, 3);

        Should.Throw<IndexOutOfRangeException>(() => t[0, 3]).Message.ShouldContain("[0,3] is outside shape [2,3]");
    }

    [Fact]
    public void Clone_is_deep()
    {
        var t = new Tensor<float>([2], [1f, 2f]);
        var copy = t.Clone();

        copy.Data.ShouldNotBeSameAs(t.Data);
        copy.Data[0] = 7f;
        t.Data[0].ShouldBe(1f);
        copy.Shape.ShouldBe(t.Shape);
    }

    [Fact]
    public void Shape_cannot_be_changed_through_the_array_given_to_the_constructor()
    {
        var shape = new[] { 2, 2 };
        var t = new Tensor<double>(shape);

        shape[0] = 5;
        t.Shape.ShouldBe([2, 2]);
    }

    [Fact]
    public void Matrix_round_trip_keeps_rows_and_columns()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        var t = Tensor<double>.FromMatrix(m);

        t.Shape.ShouldBe([2, 3]);
        t.Data.ShouldBe([1, 2, 3, 4, 5, 6]);
        t.ToMatrix().Equals(m).ShouldBeTrue();
    }

    [Fact]
    public void FromMatrix_copies()
    {
        var m = Matrix<float>.Build.Dense(2, 2, 1f);
        var t = Tensor<float>.FromMatrix(m);

        m[0, 0] = 5f;
        t[0, 0].ShouldBe(1f);
    }

    [Fact]
    public void ToMatrix_needs_rank_two()
    {
        Should.Throw<InvalidOperationException>(() => new Tensor<double>(2, 2, 2).ToMatrix()).Message.ShouldContain("[2,2,2]");
    }
}
