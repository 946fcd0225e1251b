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

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) =>
        BotProcess.RunAsync(folder, "fresh.db", null, args);

    public void Dispose() => folder.Dispose();
}
