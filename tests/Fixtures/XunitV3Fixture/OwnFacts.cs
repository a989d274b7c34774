using Xunit;

namespace GradAssert.Fixtures;

// A v3 project's own [Fact]s keep working beside [GradientCheck] (the v2 package broke them with CS0433).
public class OwnFacts
{
    [Fact]
    public void Plain_fact_still_runs() => Assert.Equal(4, 2 + 2);
}
