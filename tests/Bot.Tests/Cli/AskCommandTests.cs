using System.Text.Json;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Cli;

/// <summary>The real program, started as a process the way a user runs it: answers on standard output, logs on
/// standard error, JSON exactly as documented.</summary>
public sealed class AskCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task AskPrintsACitedAnswerAndASourcesListForAPerson()
    {
        var (exitCode, output, errors) = await RunAsync(null, "ask", "Who shut down AllofMP3?");

        Assert.Equal(0, exitCode);
        Assert.Contains("[1]", output, StringComparison.Ordinal);
        Assert.Contains("Sources:", output, StringComparison.Ordinal);
        Assert.Contains("Russian copyright wars to continue despite AllofMP3 shutdown (allofmp3-shutdown-2007.txt)", output, StringComparison.Ordinal);
        Assert.Contains("Corpus synchronised", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJsonPrintsOneObjectWithTheDocumentedFields()
    {
        var (exitCode, output, _) = await RunAsync(null, "ask", "--json", "Who shut down AllofMP3?");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Who shut down AllofMP3?", root.GetProperty("question").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        Assert.Contains("[1]", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var citation = root.GetProperty("citations")[0];
        Assert.Equal("allofmp3-shutdown-2007.txt", citation.GetProperty("source").GetString());
        Assert.Equal("Russian copyright wars to continue despite AllofMP3 shutdown", citation.GetProperty("title").GetString());
        var seed = await File.ReadAllTextAsync(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt"));
        Assert.Contains(citation.GetProperty("quote").GetString()!, seed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJsonlAnswersEveryLineInOrderWithOneObjectPerLine()
    {
        const string questions = "Who shut down AllofMP3?\nhow do I bake sourdough bread at home?\n\nwho runs MP3Sparks?\n";

        var (exitCode, output, _) = await RunAsync(questions, "ask", "--jsonl");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var answers = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Who shut down AllofMP3?", "how do I bake sourdough bread at home?", "who runs MP3Sparks?"],
            answers.Select(a => a.GetProperty("question").GetString()));
        Assert.Equal([true, false, true], answers.Select(a => a.GetProperty("answered").GetBoolean()));
        Assert.Equal(0, answers[1].GetProperty("citations").GetArrayLength());
        Assert.Contains("doesn't cover", answers[1].GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadSettingIsReportedByNameBeforeAnyWork()
    {
        var (exitCode, _, errors) = await RunAsync(null, "ask", "--Answering:Backend=Telepathy", "anything");

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error", errors, StringComparison.Ordinal);
        Assert.Contains("Backend", errors, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string? input, params string[] args) =>
        BotProcess.RunAsync(folder, "store.db", input, args);

    public void Dispose() => folder.Dispose();
}
