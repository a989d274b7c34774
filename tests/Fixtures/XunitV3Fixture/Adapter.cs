global using GradAssert.Xunit.v3;
