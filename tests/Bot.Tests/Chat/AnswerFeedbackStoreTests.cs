using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Chat;

/// <summary>One feedback store for every platform: a store written before it (each adapter with its own
/// <c>*_answers</c> and <c>*_feedback</c> tables) keeps its answers and votes, moved once into the one table.</summary>
public sealed class AnswerFeedbackStoreTests : IDisposable
{
    /// <summary>The tables as the Discord and Slack feedback stores created them before the one store.</summary>
    private const string OldSchema = """
        CREATE TABLE discord_answers (answer_key TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL,
            citations TEXT NOT NULL, backend TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE discord_feedback (answer_key TEXT NOT NULL, user_id TEXT NOT NULL, is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (answer_key, user_id));
        CREATE TABLE slack_answers (answer_key TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL,
            citations TEXT NOT NULL, backend TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE slack_feedback (answer_key TEXT NOT NULL, user_id TEXT NOT NULL, is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (answer_key, user_id));
        INSERT INTO discord_answers VALUES ('d1', 'Who shut down AllofMP3?', 'Russian prosecutors.', '[]', 'offline', '2025-03-09T10:00:00.0000000+00:00');
        INSERT INTO discord_feedback VALUES ('d1', 'U1', 0, 'Who shut down AllofMP3?', 'Russian prosecutors.', '[]', '2025-03-09T10:01:00.0000000+00:00');
        INSERT INTO slack_answers VALUES ('s1', 'What did EMI earn?', 'EMI''s profits fell.', '[]', 'offline', '2025-03-09T11:00:00.0000000+00:00');
        INSERT INTO slack_feedback VALUES ('s1', 'U2', 1, 'What did EMI earn?', 'EMI''s profits fell.', '[]', '2025-03-09T11:01:00.0000000+00:00');
        """;

    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnExistingStoresAnswersAndVotesSurviveTheMoveToOneTable()
    {
        var database = folder.File("bot.db");
        await using (var old = new SqliteConnection($"Data Source={database};Pooling=false"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = OldSchema;
            await command.ExecuteNonQueryAsync();
        }

        using var connections = Connections(database);
        var store = Store(connections);
        var report = store;
        Assert.Equal(
            [new FeedbackDay("2025-03-09", "Discord", 0, 1), new FeedbackDay("2025-03-09", "Slack", 1, 0)],
            await report.VotesPerDayAsync(30, clock.GetUtcNow(), default));
        // The old answers can still be voted on: their rows moved too.
        Assert.True(await store.SaveVoteAsync("Discord", "d1", "U3", isHelpful: false, default));
        Assert.True(await store.SaveVoteAsync("Slack", "s1", "U3", isHelpful: true, default));
        Assert.False(await store.SaveVoteAsync("Slack", "d1", "U3", isHelpful: true, default));
        var worst = Assert.Single(await report.WorstRatedAsync(5, default));
        Assert.Equal(new RatedAnswer("Discord", "Who shut down AllofMP3?", "Russian prosecutors.", 0, 2), worst);

        // A second process on the same file applies nothing again.
        using var again = Connections(database);
        Assert.Equal(4, (await Store(again).VotesPerDayAsync(30, clock.GetUtcNow(), default)).Sum(d => d.Helpful + d.Unhelpful));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM sqlite_master WHERE name IN ('discord_feedback', 'slack_feedback', 'discord_answers', 'slack_answers')"));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM store_migrations WHERE owner = 'AnswerFeedbackStore'"));
    }

    [Fact]
    public async Task OneKeyOnTwoPlatformsIsTwoAnswers()
    {
        using var connections = Connections(folder.File("fresh.db"));
        var store = Store(connections);
        await store.SaveAnswerAsync("Discord", "k", new Answer("Q1?", true, "A1.", [], "offline", null, []), default);
        await store.SaveAnswerAsync("Slack", "k", new Answer("Q2?", true, "A2.", [], "offline", null, []), default);
        Assert.True(await store.SaveVoteAsync("Discord", "k", "U", isHelpful: false, default));
        Assert.True(await store.SaveVoteAsync("Slack", "k", "U", isHelpful: false, default));
        Assert.True(await store.SaveVoteAsync("Slack", "k", "U", isHelpful: false, default));

        var worst = await store.WorstRatedAsync(5, default);
        Assert.Equal(["Discord Q1? 1", "Slack Q2? 1"], worst.Select(w => $"{w.Platform} {w.Question} {w.Unhelpful}").Order());
    }

    private SqliteConnections Connections(string database) =>
        new(Options.Create(new StorageOptions { Database = database }), [AnswerFeedbackStore.Schema]);

    private AnswerFeedbackStore Store(SqliteConnections connections)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new AnswerFeedbackStore(connections, new StoreWriteHealth(meters, clock, NullLogger<StoreWriteHealth>.Instance), clock);
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => folder.Dispose();
}
