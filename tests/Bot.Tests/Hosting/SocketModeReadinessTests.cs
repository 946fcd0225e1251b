using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hosting;

/// <summary>A Socket Mode bot with no connection hears nothing while every HTTP check passes: /readyz detail and
/// /metrics say whether the connection is up, and the last error.</summary>
public sealed class SocketModeReadinessTests
{
    [Fact]
    public async Task ReadyzAndMetricsShowTheSocketModeConnectionAndItsLastError()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), isHttp: false, isSocketMode: true);
        var socket = await slack.NextSocketAsync();

        var connected = await ReadyzUntilAsync(bot, "slack socket mode: connected since");
        Assert.DoesNotContain("last error", connected, StringComparison.Ordinal);
        await UntilAsync(bot, "metrics", "(?m)^newsdesk_slack_socket_mode_connected\\{[^}]*\\} 1$");

        await socket.CloseAsync();

        var afterDrop = await ReadyzUntilAsync(bot, "last error: Slack closed the Socket Mode connection");
        Assert.StartsWith("ready", afterDrop, StringComparison.Ordinal);
        // The scrape is cached for a moment, so the count is awaited too.
        await UntilAsync(bot, "metrics", "(?m)^newsdesk_slack_socket_mode_failures_total\\{[^}]*\\} [1-9]");
    }

    [Fact]
    public async Task WithoutSocketModeReadyzSaysNothingAboutIt()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"));

        Assert.DoesNotContain("socket mode", await ReadyzUntilAsync(bot, "ready"), StringComparison.Ordinal);
    }

    private static Task<string> ReadyzUntilAsync(SlackBot bot, string expected) =>
        UntilAsync(bot, "readyz", System.Text.RegularExpressions.Regex.Escape(expected));

    /// <summary>A bounded series of short awaits for a state the bot reaches on its own.</summary>
    private static async Task<string> UntilAsync(SlackBot bot, string path, string pattern)
    {
        var body = "";
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await bot.Http.GetAsync(path);
            body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && System.Text.RegularExpressions.Regex.IsMatch(body, pattern)) return body;
            await Task.Delay(100);
        }
        throw new TimeoutException($"/{path} never matched '{pattern}': {body}");
    }
}
