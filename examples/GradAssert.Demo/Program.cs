using GradAssert;
using GradAssert.Examples.Layers.Course;

// The course's gradient-checking exercise, checked by GradAssert: first with the course's two planted bugs,
// then fixed. Run with: dotnet run --project examples/GradAssert.Demo
var course = CourseNetwork.Load();

Console.WriteLine("1. The course's network as layers, with its two planted bugs (db1 ×4, dW2 ×2):");
Console.WriteLine();
var buggy = GradCheck.Layer(course.Layered(withBugs: true), course.Input());
Console.WriteLine(buggy);

Console.WriteLine("2. The same network with the bugs fixed:");
Console.WriteLine();
var fixedReport = GradCheck.Layer(course.Layered(withBugs: false), course.Input());
Console.WriteLine(fixedReport);

Console.WriteLine("3. The course's flat form, J(θ) and its gradient, with θ split into the course's parameters:");
Console.WriteLine();
ThetaSegment[] parts = [new("W1", 5, 4), new("b1", 5, 1), new("W2", 3, 5), new("b2", 3, 1), new("W3", 1, 3), new("b3", 1, 1)];
var flatBuggy = GradCheck.Function(course.Cost, t => course.Gradient(t, withBugs: true), course.Theta(), parts);
Console.WriteLine(flatBuggy);
var flatFixed = GradCheck.Function(course.Cost, t => course.Gradient(t, withBugs: false), course.Theta(), parts);
Console.WriteLine($"   Fixed: difference {flatFixed.Difference:0.00e+00} ({(flatFixed.Passed ? "passed" : "failed")}); the course's eps = 1e-7 gives 1.19e-07 here.");

return buggy.Passed || !fixedReport.Passed || flatBuggy.Passed || !flatFixed.Passed ? 1 : 0;
