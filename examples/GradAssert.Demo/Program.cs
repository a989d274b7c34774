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

Console.WriteLine("3. The course's flat form, J(θ) and its gradient, as the course checks it:");
var theta = course.Theta();
var flatBuggy = GradCheck.Function(course.Cost, t => course.Gradient(t, withBugs: true), theta);
var flatFixed = GradCheck.Function(course.Cost, t => course.Gradient(t, withBugs: false), theta);
Console.WriteLine($"   with the bugs: difference {flatBuggy.Difference:E6} ({(flatBuggy.Passed ? "passed" : "failed")})");
Console.WriteLine($"   fixed:         difference {flatFixed.Difference:E6} ({(flatFixed.Passed ? "passed" : "failed")})");

return buggy.Passed || !fixedReport.Passed ? 1 : 0;
