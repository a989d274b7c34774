using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Planning;

/// <summary>
/// The plan of one check: for every row, what checks it (element by element, along directions, or by the Taylor test),
/// whether its elements are sampled or grouped, its step, stencil and tolerance, and which second opinions it gets, all
/// decided here from the options, the row's overrides and its place in the check. Nothing downstream decides any of it
/// again.
/// </summary>
internal sealed class CheckPlan
{
    /// <param name="options">The check's options, its seed resolved.</param>
    public CheckPlan(GradCheckOptions options) => Options = options;

    /// <summary>The check's options.</summary>
    public GradCheckOptions Options { get; }

    /// <summary>The plan of the row of <paramref name="layer"/>'s <paramref name="tensor"/>, of <paramref name="length"/> elements.</summary>
    public RowPlan Row(string layer, string tensor, int length, RowRole role)
    {
        // The end-to-end rows of a model whose layers are checked alone: each layer alone is where a Taylor test can tell a
        // wrong gradient; end to end, J crosses the kinks of every ReLU and max-pool downstream within its larger steps.
        var options = role.EndToEndOfParts && Options.CheckLayers && Options.Mode == CheckMode.Auto ? Options with { SecondOpinion = false } : Options;
        bool directional = !role.StaleCacheProbe && (Options.Mode == CheckMode.Directional || (role.EndToEndOfParts && Options.Mode == CheckMode.Auto && Options.CheckLayers));
        if (options.Overrides.Any(o => o.Matches(layer, tensor)))
        {
            options = options.For(layer, tensor);
            directional = options.Mode switch { CheckMode.Directional => true, CheckMode.Full => false, _ => directional };
        }

        var strategy = options.Mode == CheckMode.Taylor && length > 0 ? RowStrategy.Taylor
            : directional && length > options.Directions ? RowStrategy.Directions
            : RowStrategy.Elements;
        return new RowPlan(
            strategy,
            options.Directions,
            SampleSize: options.Mode == CheckMode.Full || length <= options.MaxElements ? null : options.MaxElements,
            Grouping: options.Grouping && options.Scheme == DifferenceScheme.Central,
            new Stepping(options.Step, options.Scheme, options.Cancellation),
            options.Tolerance,
            options.Tolerance.Judge(options.SecondOpinion),
            TensorSecondOpinion: options.SecondOpinion && options.Tolerance.ReviewsAlongGradient,
            Progress: role.StaleCacheProbe || role.Hypothesis ? null : options.Progress,

            // An end-to-end row's parts are compared alone, element by element in the default mode; elsewhere (a layer
            // in directional mode) the directions are all there is, and blind ones must not pass the row.
            ElementsWhereDirectionsAreBlind: !(role.EndToEndOfParts && Options.CheckLayers && Options.Mode == CheckMode.Auto));
    }
}
