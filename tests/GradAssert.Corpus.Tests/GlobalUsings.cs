global using GradAssert.Examples.Layers;
global using Shouldly;
global using Xunit;
