global using GradAssert.Fuzz.Kinds;
global using GradAssert.Fuzz.Reporting;
global using GradAssert.Fuzz.Running;
global using Shouldly;
global using Xunit;
