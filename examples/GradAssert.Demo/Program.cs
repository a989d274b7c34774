using GradAssert;
using GradAssert.Demo;
using GradAssert.Examples.Layers;
using GradAssert.Examples.Layers.Course;
using Spectre.Console;

// GradAssert's demo: the course's network with its two planted bugs, then fixed; the course's flat form; and a bigger
// float model with a bug in one layer, checked with a progress bar. Run with: dotnet run --project examples/GradAssert.Demo
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200; // a file or a pipe: no wrapping of the report's table
}

var course = CourseNetwork.Load();

AnsiConsole.MarkupLine("[bold]1. The course's network as layers, with its two planted bugs (db1 ×4, dW2 ×2)[/]");
AnsiConsole.WriteLine();
var buggy = GradCheck.Layer(course.Layered(withBugs: true), course.Input());
ReportWriter.Write(buggy);

AnsiConsole.MarkupLine("[bold]2. The same network with the bugs fixed[/]");
AnsiConsole.WriteLine();
var fixedReport = GradCheck.Layer(course.Layered(withBugs: false), course.Input());
ReportWriter.Write(fixedReport);

AnsiConsole.MarkupLine("[bold]3. The course's flat form, J(θ) and its gradient, with θ split into the course's parameters[/]");
AnsiConsole.WriteLine();
ThetaSegment[] parts = [new("W1", 5, 4), new("b1", 5, 1), new("W2", 3, 5), new("b2", 3, 1), new("W3", 1, 3), new("b3", 1, 1)];
var flatBuggy = GradCheck.Function(course.Cost, t => course.Gradient(t, withBugs: true), course.Theta(), parts);
ReportWriter.Write(flatBuggy);
var flatFixed = GradCheck.Function(course.Cost, t => course.Gradient(t, withBugs: false), course.Theta(), parts);
AnsiConsole.MarkupLine($"Fixed: difference {flatFixed.Difference:0.00e+00} ({(flatFixed.Passed ? "passed" : "failed")}); the course's eps = 1e-7 gives 1.19e-07 here.");
AnsiConsole.WriteLine();

AnsiConsole.MarkupLine("[bold]4. A float model (conv → ReLU → max-pool → dense) whose dense layer forgets half the batch in its bias gradient[/]");
AnsiConsole.WriteLine();
var model = new Sequential<float>(
    "ConvNet",
    new Conv2D<float>(2, 4, kernel: 3, padding: 1, seed: 1),
    new ReLU<float>(),
    new MaxPool2D<float>(2),
    new Flatten(),
    new HalfBatchBiasDense(4 * 4 * 4, 10, seed: 2));
var images = new GradientCase(seed: 3).Normal<float>(6, 2, 8, 8);
GradientReport convReport = null!;
if (Console.IsOutputRedirected)
{
    convReport = GradCheck.Layer(model, images);
}
else
{
    // One bar per tensor as the check goes: end to end along random directions, then layer by layer, element by element.
    AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
        .Start(progress =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            var reporter = new SynchronousProgress(p =>
            {
                string key = $"{(p.Scope == CheckScope.EndToEnd ? "end to end" : "layer")} {p.Layer}.{p.Tensor}";
                if (!tasks.TryGetValue(key, out var task))
                {
                    tasks[key] = task = progress.AddTask(Markup.Escape(key), maxValue: Math.Max(1, p.Total));
                }

                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            });
            convReport = GradCheck.Layer(model, images, new GradCheckOptions { Progress = reporter });
        });
}

AnsiConsole.WriteLine();
ReportWriter.Write(convReport);

bool asExpected = !buggy.Passed && fixedReport.Passed && !flatBuggy.Passed && flatFixed.Passed
    && convReport.Blamed.SequenceEqual(["HalfBatchBiasDense"]);
AnsiConsole.MarkupLine(asExpected
    ? "[green]Every check came out as expected: the planted bugs were blamed on their layers, the fixed models passed.[/]"
    : "[red]A check did not come out as expected.[/]");
return asExpected ? 0 : 1;

/// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<CheckProgress> report) : IProgress<CheckProgress>
{
    public void Report(CheckProgress value) => report(value);
}
