global using static GradAssert.Analyzers.Tests.SnippetTest;
