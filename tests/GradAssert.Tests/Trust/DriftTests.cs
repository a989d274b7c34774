using GradAssert.Tests.Support;

namespace GradAssert.Tests.Trust;

/// <summary>
/// A forward that drifts after the first few calls must never earn a pass: the drift is named as a contract error, or
/// the check fails. Before these rules, a weight gradient 1.5× too large passed under every one of these drifts.
/// </summary>
public sealed class DriftTests
{
    private static Tensor<double> Input() => new GradientCase(3).Normal<double>(5, 4);

    public static TheoryData<Drift> Drifts => new(Enum.GetValues<Drift>());

    [Theory]
    [MemberData(nameof(Drifts))]
    public void Wrong_weight_gradient_never_passes_when_the_forward_drifts(Drift drift)
    {
        var outcome = Check(new DriftingDense(drift, weightGradientScale: 1.5));

        outcome.ShouldNotBe("passed");
    }

    [Theory]
    [MemberData(nameof(Drifts))]
    public void Correct_layer_whose_forward_drifts_is_a_contract_error_naming_the_drift(Drift drift)
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new DriftingDense(drift, weightGradientScale: 1), Input()));

        error.Message.ShouldStartWith("Layer 'DriftingDense' breaks the layer contract.");
        error.Message.ShouldContain(drift switch
        {
            Drift.InputMutatedFromCall6 => "Forward changed its input during the check: input[0,0] was",
            Drift.ParameterMutatedFromCall6 or Drift.GrowingParameter => "parameter 'W'",
            Drift.NoiseEverySeventhCall => "Forward is not repeatable",
            _ => "Forward drifted between calls: output[",
        });
    }

    [Fact]
    public void Drift_message_says_when_and_where_the_output_moved()
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new DriftingDense(Drift.Creep, 1), Input()));

        error.Message.ShouldMatch(@"Forward drifted between calls: output\[0,0\] was -?[0-9.e-]+ at the start of the check and -?[0-9.e-]+ (while|after) checking W");
    }

    [Fact]
    public void The_callers_input_is_left_as_it_was_even_by_a_forward_that_writes_into_it()
    {
        var input = Input();
        var before = input.Data.ToArray();

        Should.Throw<LayerContractException>(() => GradCheck.Layer(new DriftingDense(Drift.InputMutatedFromCall6, 1), input));

        input.Data.ShouldBe(before);
    }

    private static string Check(ILayer<double> layer)
    {
        try
        {
            return GradCheck.Layer(layer, Input()).Passed ? "passed" : "failed";
        }
        catch (LayerContractException)
        {
            return "contract error";
        }
    }
}
