using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Cli;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

public sealed class SlackConfigurationTests
{
    [Fact]
    public async Task WithoutSettingsTheAdapterIsOffAndSaysWhy()
    {
        using var folder = new TemporaryFolder();
        await using var app = ServeCommand.Build(CommandLine.Parse(["serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}", "--corpus", TestPaths.Seeds]));
        var status = Assert.Single(app.Services.GetServices<ChatAdapterStatus>(), s => s.Platform == "Slack");
        Assert.False(status.IsEnabled);
        Assert.Contains("Slack:BotToken", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserTokenWhereTheBotTokenBelongsStopsTheHostAtStart()
    {
        using var folder = new TemporaryFolder();
        await using var app = ServeCommand.Build(CommandLine.Parse([
            "serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}", "--corpus", TestPaths.Seeds,
            "--Slack:BotToken=xoxp-a-user-token", "--Slack:SigningSecret=secret",
        ]));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("xoxb-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedSocketModeConnectionIsRetriedAfterABackoff()
    {
        using var folder = new TemporaryFolder();
        var clock = new WatchedClock();
        await using var slack = await FakeSlack.StartAsync(clock);
        slack.Script("apps.connections.open", new SlackResponse(200, """{"ok":false,"error":"internal_error"}"""));
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), isHttp: false, isSocketMode: true,
            services: s => s.AddSingleton<TimeProvider>(clock));

        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Single(slack.Calls(c => c.Method == "apps.connections.open"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await slack.NextSocketAsync();
        Assert.Equal(2, slack.Calls(c => c.Method == "apps.connections.open").Count);
    }
}
