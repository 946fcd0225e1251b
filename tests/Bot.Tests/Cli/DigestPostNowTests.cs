using System.Diagnostics;
using Newsdesk.Tests.Digest;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Cli;

/// <summary><c>digest --post-now</c> run as a process, the way an operator runs it, against a store that does not
/// exist yet: every store's tables must be there without any verb having to remember to create them.</summary>
public sealed class DigestPostNowTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task DigestPostNowOnAFreshStorePostsOnceToAWebhook()
    {
        await using var webhook = await FakeDiscordWebhook.StartAsync();

        var (exitCode, output, errors) = await RunAsync("digest", "--post-now", $"--Digest:Destinations:0={webhook.WebhookUrl}");

        Assert.DoesNotContain("no such table", errors, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Single(webhook.Posts);
        Assert.Contains("Posted", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--corpus", TestPaths.Seeds, $"--Storage:Database={folder.File("fresh.db")}" }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    public void Dispose() => folder.Dispose();
}
