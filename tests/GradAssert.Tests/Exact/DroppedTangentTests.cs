using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// A conversion out of a dual number with a live tangent to a non-integer type drops the derivative silently; a watch
/// counts such conversions on its thread, and nothing else.
/// </summary>
public sealed class DroppedTangentTests
{
    [Fact]
    public void Leaving_generic_math_with_a_moving_number_is_counted_with_its_target()
    {
        using var watch = DroppedTangents.Start();

        var y = Dual<double>.CreateChecked(Math.Tanh(double.CreateChecked(Dual<double>.Variable(0.5))));

        y.Tangent.ShouldBe(0);
        watch.Count.ShouldBe(1);
        watch.FirstTarget.ShouldBe(typeof(double));
    }

    [Fact]
    public void Every_conversion_kind_and_non_integer_target_counts()
    {
        using var watch = DroppedTangents.Start();
        var x = new Dual<float>(2, 1);

        _ = double.CreateChecked(x);
        _ = float.CreateSaturating(x);
        _ = Half.CreateTruncating(x);
        _ = decimal.CreateChecked(x);

        watch.Count.ShouldBe(4);
        watch.FirstTarget.ShouldBe(typeof(double));
    }

    [Fact]
    public void A_constant_an_integer_target_or_another_dual_type_drops_nothing()
    {
        using var watch = DroppedTangents.Start();

        _ = double.CreateChecked(Dual<double>.Constant(3));
        _ = int.CreateChecked(Dual<double>.Variable(3));
        _ = long.CreateTruncating(Dual<float>.Variable(3));
        _ = Dual<float>.CreateChecked(Dual<double>.Variable(3));

        watch.Count.ShouldBe(0);
        watch.FirstTarget.ShouldBeNull();
    }

    [Fact]
    public void Outside_a_watch_nothing_is_counted_and_nothing_is_left_behind()
    {
        _ = double.CreateChecked(Dual<double>.Variable(1));

        using var watch = DroppedTangents.Start();
        watch.Count.ShouldBe(0);
    }

    [Fact]
    public void An_inner_watch_counts_its_own_stretch_and_hands_its_count_to_the_outer_one()
    {
        using var outer = DroppedTangents.Start();
        _ = double.CreateChecked(Dual<double>.Variable(1));
        using (var inner = DroppedTangents.Start())
        {
            _ = float.CreateChecked(Dual<double>.Variable(1));
            _ = float.CreateChecked(Dual<double>.Variable(2));
            inner.Count.ShouldBe(2);
            outer.Count.ShouldBe(1);
        }

        outer.Count.ShouldBe(3);
        outer.FirstTarget.ShouldBe(typeof(double));
    }

    [Fact]
    public void Conversions_on_another_thread_are_not_this_threads()
    {
        using var watch = DroppedTangents.Start();

        var other = new Thread(() => _ = double.CreateChecked(Dual<double>.Variable(1)));
        other.Start();
        other.Join();

        watch.Count.ShouldBe(0);
    }

    [Fact]
    public void Watches_end_in_the_reverse_order_they_started()
    {
        var outer = DroppedTangents.Start();
        var inner = DroppedTangents.Start();

        Should.Throw<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        outer.Dispose();
    }
}
