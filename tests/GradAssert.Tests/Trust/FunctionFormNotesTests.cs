using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert.Tests.Trust;

public sealed class FunctionFormNotesTests
{
    [Fact]
    public void The_function_form_has_no_input_to_note()
    {
        var report = GradCheck.Function(t => 0.5 * t.DotProduct(t), t => t, MathNetVector.Build.Dense(3, i => i + 1.0));

        report.Passed.ShouldBeTrue(report.ToString());
        report.Warnings.ShouldBeEmpty();
    }
}
