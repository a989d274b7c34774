global using GradAssert;
global using GradAssert.Examples.Layers;
global using GradAssert.Xunit;
global using Xunit;
