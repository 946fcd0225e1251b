using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>One fake Slack and one real bot (HTTP endpoints) shared by a test class; tests keep apart by channel.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class SlackBotFixture : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private int sentinels;

    public FakeSlack Slack { get; private set; } = null!;

    public SlackBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlack.StartAsync();
        Bot = await SlackBot.StartAsync(Slack, folder.File("bot.db"));
    }

    /// <summary>Asks one more question and waits for its answer; with one worker answering in order, every event
    /// sent before has been fully handled once this returns.</summary>
    public async Task DrainAsync()
    {
        var channel = $"CSENTINEL{Interlocked.Increment(ref sentinels)}";
        var response = await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Mention($"EvS{channel}", channel, "1700000000.000001", $"{SlackEvents.BotMention} {SlackEvents.Question}")));
        response.EnsureSuccessStatusCode();
        await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel);
    }

    public IReadOnlyList<SlackApiCall> PostsTo(string channel) =>
        Slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == channel);

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        folder.Dispose();
    }
}
