using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Cli;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Cli;

/// <summary>The <c>feedback</c> verb over votes stored by both adapters: votes per day and platform, and the answers
/// with more 👎 than 👍, worst first, with their questions.</summary>
public sealed class FeedbackCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task VotesPerDayAndTheWorstRatedAnswersWithTheirQuestionsAreReported()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var connections = new SqliteConnections(Options.Create(new StorageOptions { Database = folder.File("bot.db") }),
            [AnswerFeedbackStore.Schema]);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var health = new StoreWriteHealth(meters, clock, NullLogger<StoreWriteHealth>.Instance);
        var store = new AnswerFeedbackStore(connections, health, clock);
        await store.SaveAnswerAsync("Discord", "k1", Answer("Who shut down AllofMP3?", "Russian prosecutors."), default);
        await store.SaveAnswerAsync("Slack", "k1", Answer("What did EMI earn?", "EMI's profits fell."), default);
        await store.SaveVoteAsync("Discord", "k1", "U1", isHelpful: true, default);
        await store.SaveVoteAsync("Slack", "k1", "U1", isHelpful: false, default);
        clock.Advance(TimeSpan.FromDays(1));
        await store.SaveVoteAsync("Slack", "k1", "U2", isHelpful: false, default);
        await store.SaveVoteAsync("Slack", "k1", "U2", isHelpful: false, default);

        using var output = new StringWriter();
        var code = await new FeedbackCommand(store, clock).RunAsync(output, default);

        var text = output.ToString();
        Assert.Equal(0, code);
        Assert.Contains("2025-03-10  Discord  👍    1  👎    0", text, StringComparison.Ordinal);
        Assert.Contains("2025-03-10  Slack    👍    0  👎    1", text, StringComparison.Ordinal);
        Assert.Contains("2025-03-11  Slack    👍    0  👎    1", text, StringComparison.Ordinal);
        Assert.Contains("👎 2 👍 0  [Slack] Q: What did EMI earn?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AllofMP3", text[text.IndexOf("Worst-rated", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWithoutVotesReportsNone()
    {
        var connections = new SqliteConnections(Options.Create(new StorageOptions { Database = folder.File("empty.db") }), [AnswerFeedbackStore.Schema]);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var store = new AnswerFeedbackStore(connections, new StoreWriteHealth(meters, TimeProvider.System, NullLogger<StoreWriteHealth>.Instance), TimeProvider.System);
        using var output = new StringWriter();

        await new FeedbackCommand(store, TimeProvider.System).RunAsync(output, default);

        Assert.Equal(2, output.ToString().Split("  none").Length - 1);
    }

    private static Answer Answer(string question, string text) =>
        new(question, true, text, [new Citation(1, "seed/a.txt", "A story", "A quote.", null)], "offline", null, []);

    public void Dispose() => folder.Dispose();
}
