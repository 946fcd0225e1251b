using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Replies;
using Newsdesk.Chat.Intake;

namespace Newsdesk.Tests.Chat;

/// <summary>SIGTERM (the host's StopAsync): queued questions are still answered within Chat:DrainTimeout, new ones are
/// told to try again, and what is left at the deadline gets an apology instead of silence.</summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public async Task QueuedQuestionsAreStillAnsweredWhileStoppingAndTheInboxTakesNoMore()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var answerer = new BlockingAnswerer();
        var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), services: s => s.AddSingleton<IQuestionAnswerer>(answerer));

        await MentionAsync(bot, slack, "EvDrain1", "CDRAIN1");
        await answerer.Started.WaitAsync(TimeSpan.FromSeconds(30));
        await MentionAsync(bot, slack, "EvDrain2", "CDRAIN2");
        var stopping = bot.App.StopAsync();
        // Kestrel stops before the worker (new HTTP requests are refused and Slack retries them later); a question
        // that still reaches the inbox (Socket Mode) is turned away. Bounded polling until the worker has closed it.
        var inbox = bot.App.Services.GetRequiredService<ChatInbox>();
        for (var i = 0; i < 300 && !inbox.IsClosed; i++) await Task.Delay(10);
        Assert.False(inbox.TryEnqueue(new ChatJob("late", "Slack", new Question("late"), new DiscardingReply())));
        answerer.Release(new Answer("q", true, "drained answer", [], "offline", null, []));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var channel in new[] { "CDRAIN1", "CDRAIN2" })
            Assert.Contains("drained answer", Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == channel)).Json!.ToJsonString(), StringComparison.Ordinal);
        await bot.App.DisposeAsync();
    }

    [Fact]
    public async Task WhatIsUnfinishedAtTheDrainDeadlineGetsAnApologyNotSilence()
    {
        using var folder = new TemporaryFolder();
        var clock = new WatchedClock(WatchedClock.FixedStart);
        await using var slack = await FakeSlack.StartAsync(clock);
        var answerer = new BlockingAnswerer();
        var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"),
            services: s => { s.AddSingleton<IQuestionAnswerer>(answerer); s.AddSingleton<TimeProvider>(clock); }, settings: ["--Chat:DrainTimeout=00:00:30"]);

        await MentionAsync(bot, slack, "EvDeadline1", "CDEAD1");
        await answerer.Started.WaitAsync(TimeSpan.FromSeconds(30));
        await MentionAsync(bot, slack, "EvDeadline2", "CDEAD2");
        var stopping = bot.App.StopAsync();
        // The drain deadline is a 30 s timer on the fake clock: once the worker waits on it, pass it. (The digest
        // scheduler and the feed poller wait on longer timers of their own.)
        clock.Advance(await clock.NextTimerAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var channel in new[] { "CDEAD1", "CDEAD2" })
            Assert.Equal(SlackText.Escape(ChatNotices.Failure), Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == channel)).Text);
        await bot.App.DisposeAsync();
    }

    private static async Task MentionAsync(SlackBot bot, FakeSlack slack, string eventId, string channel) =>
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention(eventId, channel, $"1700000080.{slack.Now():D6}", $"{SlackEvents.BotMention} {SlackEvents.Question}"))))
            .EnsureSuccessStatusCode();
}
