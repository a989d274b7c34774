// Defaults for every [GradientCheck] test of each fixture: only the case count, which no other fixture test leaves
// unset, so nothing else here changes.
[assembly: GradAssert.GradientCheckDefaults(Cases = 5)]

namespace GradAssert.Fixtures;

// Settings given on the attribute and on the assembly must reach the checks in every framework, and the summary must
// say where they came from.
#if MSTEST
[TestClass]
#endif
public class SettingsChecks
{
    [GradientCheck(SafetyFactor = 20, Mode = CheckMode.Full)]
    public void Settings_on_the_attribute_and_the_assembly_reach_the_check(GradientCase c)
    {
        var dense = new BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed);
        var report = GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
        if (report.Options.Tolerance != Tolerance.ErrorModel(20) || report.Options.Mode != CheckMode.Full)
        {
            throw new InvalidOperationException($"The attribute's settings did not reach the check: {report.Options.Tolerance}, {report.Options.Mode}.");
        }
    }
}
