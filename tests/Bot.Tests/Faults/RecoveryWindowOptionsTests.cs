using Microsoft.Extensions.Options;
using Newsdesk.Cli;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>Slack:RecoveryWindow (how old an unanswered question may be and still be answered after a restart) outside
/// 1 minute to 7 days stops the host at start.</summary>
public sealed class RecoveryWindowOptionsTests
{
    [Theory]
    [InlineData("00:00:30")]
    [InlineData("8.00:00:00")]
    public async Task AnOutOfRangeSlackRecoveryWindowStopsTheHostAtStart(string window)
    {
        using var folder = new TemporaryFolder();
        await using var app = ServeCommand.Build(CommandLine.Parse([
            "serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}", "--corpus", TestPaths.Seeds,
            $"--Slack:BotToken={FakeSlack.BotToken}", $"--Slack:SigningSecret={FakeSlack.SigningSecret}", $"--Slack:RecoveryWindow={window}",
        ]));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Slack:RecoveryWindow", error.Message, StringComparison.Ordinal);
    }
}
