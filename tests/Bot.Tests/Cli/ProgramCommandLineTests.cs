using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Cli;

/// <summary>The program as a person runs it: <c>--version</c> and <c>--help</c> answer and exit (they used to start
/// the server), a wrong command line exits 2 with the nearest real option, and a configuration problem is one line
/// per problem naming the setting, with no stack trace.</summary>
public sealed class ProgramCommandLineTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task VersionPrintsTheVersionAndDoesNotStartTheServer()
    {
        var outcome = await BotProcess.RunAsync(["--version"], folder.Path, Limit);

        Assert.False(outcome.TimedOut, "--version started something that kept running");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", outcome.Output.Trim());
        Assert.DoesNotContain("listening", outcome.Errors, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ask", "--json")]
    [InlineData("ingest", "PATH|URL")]
    [InlineData("digest", "--post-now")]
    [InlineData("serve", "--urls")]
    public async Task EveryVerbHasItsOwnHelp(string verb, string mentions)
    {
        var outcome = await BotProcess.RunAsync([verb, "--help"], folder.Path, Limit);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(mentions, outcome.Output, StringComparison.Ordinal);
        Assert.Contains($"{verb} ", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOptionExitsWithTwoAndSuggestsTheNearestOne()
    {
        var outcome = await BotProcess.RunAsync(["ask", "--jsn", "Who shut down AllofMP3?"], folder.Path, Limit);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Did you mean '--json'?", outcome.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("ask needs a question", outcome.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadSlackTokenAndABadDigestDestinationAreOneLineEachWithNoStackTrace()
    {
        var outcome = await BotProcess.RunAsync(
            ["serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}", "--corpus", TestPaths.Seeds],
            folder.Path, Limit, environment: new Dictionary<string, string>
            {
                ["Slack__BotToken"] = "not-a-bot-token",
                ["Slack__SigningSecret"] = "secret",
                ["Digest__Destinations__0"] = "nowhere",
            });

        Assert.False(outcome.TimedOut, "the server started despite the bad settings");
        Assert.Equal(2, outcome.ExitCode);
        var lines = outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Configuration error:", StringComparison.Ordinal) && l.Contains("Slack:BotToken", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Configuration error:", StringComparison.Ordinal) && l.Contains("Digest:Destinations", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", outcome.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
