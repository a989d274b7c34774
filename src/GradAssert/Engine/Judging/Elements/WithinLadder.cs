namespace GradAssert.Engine.Judging;

/// <summary>
/// The derivative read from a ladder of steps (<see cref="ElementCase.Ladder"/>): larger steps where rounding swamped
/// the first estimate (a large output, a constant offset), smaller ones with Ridders' extrapolation where truncation
/// did (inputs far from 0 on a function of a much smaller scale, a step near a domain's edge). Its allowance is the
/// error the ladder shows, at least the rounding it rests on: measured, not a bound summed over every output. An element
/// within it passes; one outside it is refuted, and the allowances this one supersedes are not asked.
/// </summary>
/// <param name="descending">
/// True for the reading where truncation shows at h (asked before the kinks: a ladder that converges below h finds the
/// function smooth there, and a kink cannot excuse it), false where it does not (asked after them: a kink at the element
/// itself also reads as a slope that does not change with the step).
/// </param>
internal sealed class WithinLadder(bool descending) : FirstOpinion
{
    public override string Rule => descending
        ? "Else, where truncation shows at h and the allowance of the ±2h and ±4h estimates is above 1% of the derivative (or of the tensor's typical gradient), or their changes do not grow as h² does (steps beyond the function's own scale): the derivative read from smaller steps with Ridders' extrapolation, once their differences converge as h² does, its error at least the noise a step off their halvings shows. Within s times its measured error the element passes (where that error cannot tell g from 0 and the slopes jump, the steady side of a kink beside the element decides instead, as in the widening rule below: a g it refutes is not passed); outside it, it fails."
        : "Else, where truncation does not show at h and its rounding allowance is above 1% of the derivative (or of the tensor's typical gradient), or that of every output the element influences, moved at h or not, is: the derivative read from larger steps (4h, 16h, … while truncation stays invisible: a large output or offset). Within s times its measured error the element passes; outside it, it fails.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        if (c.TruncationShows != descending)
        {
            return null;
        }

        // Descending, the ±2h and ±4h estimates; climbing, the rounding at ±h, with the outputs it did not see moving:
        // when their allowance already resolves an error worth catching, the opinions after this one judge the element
        // on them, at a fraction of the ladder's cost; the ladder is read where they are too coarse to (a large offset, a
        // large output, a domain's edge), or where their changes do not grow as truncation's do and so measure nothing.
        if (descending ? c.Resolves(c.FourStepAllowance) && c.ChangesAsTruncation : c.Resolves(c.RoundingAllowance) && c.HiddenOutputsResolve)
        {
            return null;
        }

        if (c.Ladder is not { Found: true } ladder)
        {
            return null;
        }

        double allowance = c.SafetyFactor * (ladder.Error + c.Evidence.AnalyticRounding);
        double g = c.Analytic, n = ladder.Estimate;
        if (Math.Abs(g - n) > allowance && c.Evidence.ResolutionParts() is { } resolution)
        {
            // Before refuting: an output the element influences may not move at all at these steps (a softmax
            // probability of 1), and its rounding is no part of the ladder's error; nor is the backward's over it.
            // Terms cancelled inside the forward are, where the differences converged: their noise would have shown.
            double hidden = ladder.Converged ? resolution.HiddenAt(ladder.Step, c.Evidence.Step) : resolution.At(ladder.Step, c.Evidence.Step);
            allowance = c.SafetyFactor * (ladder.Error + hidden + resolution.Analytic);
        }

        if (Math.Abs(g - n) <= allowance)
        {
            // A ladder that descended through a kink beside the element reads an error too wide to tell g from 0; the
            // steady side beyond it measures g (where the slopes jump only: it costs eight evaluations), and a g it
            // refutes is left to the opinions after this one rather than passed as unresolved.
            var pass = c.ResolvedPass(allowance, n);
            if (!pass.Unresolved || !c.Slopes.Jump)
            {
                return pass;
            }

            return c.PassBesideKink() ?? (c.BesideKinkRefutes() ? null : pass);
        }

        // Differences that agree only within their own noise confirm a g that agrees; one that does not is left to the
        // opinions after this one, as though no ladder had been read (a kink between the steps can hide in that noise).
        if (!ladder.WithinNoise)
        {
            c.RefutedWithin = allowance;
        }

        return null;
    }
}
