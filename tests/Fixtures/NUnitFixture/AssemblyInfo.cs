using NUnit.Framework;

// Run fixtures in parallel, as many CI suites do. This attribute also makes the fixture reference nunit.framework
// directly, which the NUnit adapter needs to recognize it as an NUnit test assembly.
[assembly: Parallelizable(ParallelScope.Fixtures)]
