using Microsoft.Extensions.Options;
using Newsdesk.Cli;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>A request timeout outside 1 s to 5 min stops the host at start, for each adapter.</summary>
public sealed class RequestTimeoutOptionsTests
{
    [Theory]
    [InlineData("--Slack:RequestTimeout=00:00:00", "Slack:RequestTimeout")]
    [InlineData("--Slack:RequestTimeout=01:00:00", "Slack:RequestTimeout")]
    [InlineData("--Discord:RequestTimeout=00:00:00.500", "Discord:RequestTimeout")]
    [InlineData("--Discord:RequestTimeout=00:10:00", "Discord:RequestTimeout")]
    public async Task AnOutOfRangeRequestTimeoutStopsTheHostAtStart(string setting, string named)
    {
        using var folder = new TemporaryFolder();
        await using var app = ServeCommand.Build(CommandLine.Parse([
            "serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}", "--corpus", TestPaths.Seeds,
            $"--Slack:BotToken={FakeSlack.BotToken}", $"--Slack:SigningSecret={FakeSlack.SigningSecret}",
            $"--Discord:ApplicationId={FakeDiscord.ApplicationId}", $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", setting,
        ]));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
