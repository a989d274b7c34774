global using System.Globalization;
global using System.Numerics;
global using GradAssert.Examples.Layers;
global using GradAssert.Fuzz.Bugs;
global using GradAssert.Fuzz.Kinds;
global using GradAssert.Fuzz.Layers;
global using GradAssert.Fuzz.Reporting;
global using GradAssert.Fuzz.Running;
