global using GradAssert;
global using GradAssert.Examples.Layers;
global using GradAssert.NUnit;
global using NUnit.Framework;
