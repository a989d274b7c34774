global using GradAssert.Xunit;
