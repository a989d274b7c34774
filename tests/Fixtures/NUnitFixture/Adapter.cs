global using GradAssert.NUnit;
