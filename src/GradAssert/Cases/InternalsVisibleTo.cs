using System.Runtime.CompilerServices;

// The unit tests of the property engine and the Shouldly extensions (tests/GradAssert.Adapters.Tests).
[assembly: InternalsVisibleTo("GradAssert.Adapters.Tests")]
