using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;
using Npgsql;

namespace Newsdesk.Tests.Storage;

/// <summary>What a thread was answered with, on a real PostgreSQL server, each "replica" with its own connection pool:
/// the replica answering a follow-up finds what another answered the previous turn with, another thread asking the same
/// words does not, and entries past their age are neither found nor kept; the chat journal keeps a question's thread
/// for the replica that recovers it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresThreadAnswerStoreTests(PostgresServer server)
{
    private const string Shutdown = "AllofMP3.com has been shut down after diplomatic pressure was piled on Russian authorities.";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [PostgresFact]
    public async Task AReplicaFindsWhatAnotherAnsweredTheThreadWithAndNoOtherThreadDoes()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var thread = $"slack:T1:C1:{Guid.NewGuid():N}";
        var turn = new Question("who shut down allofmp3") { Thread = thread };
        await Answers(first).RememberAsync(turn, [Shutdown], CancellationToken.None);

        var followUp = new Question("has it vanished before?", [turn.Text]) { Thread = thread };
        Assert.Equal([Shutdown], await Answers(second).RecallAsync(ThreadAnswers.PreviousTurn(followUp), CancellationToken.None));
        Assert.Null(await Answers(second).RecallAsync(new Question(turn.Text) { Thread = $"slack:T1:C2:{Guid.NewGuid():N}" }, CancellationToken.None));

        // Past the age limit it is neither found nor kept: the next write removes it.
        clock.Advance(new AnsweringOptions().ThreadAnswerMaxAge + TimeSpan.FromMinutes(1));
        Assert.Null(await Answers(second).RecallAsync(turn, CancellationToken.None));
        await Answers(second).RememberAsync(new Question("who got charged?") { Thread = $"discord:G1:{Guid.NewGuid():N}" }, [], CancellationToken.None);
        var kept = await first.ReadAsync(async connection =>
        {
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM thread_answers WHERE thread = @thread", connection);
            count.Parameters.AddWithValue("thread", thread);
            return (long)(await count.ExecuteScalarAsync())!;
        }, CancellationToken.None);
        Assert.Equal(0L, kept);
    }

    [PostgresFact]
    public async Task TheJournalKeepsAQuestionsThreadForTheReplicaThatRecoversIt()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var key = $"Slack:{Guid.NewGuid():N}";
        var question = new Question("has it vanished before?", ["who shut down allofmp3"]) { Thread = "slack:T1:C1:1700000000.000100" };
        Assert.True(await Journal(first).TryAddAsync(new ChatJournalEntry(key, "Slack", "c1", question, "{}", clock.GetUtcNow()), CancellationToken.None));

        var entry = Assert.Single(await Journal(second).LoadAsync(CancellationToken.None), e => e.Key == key);
        Assert.Equal(question.Thread, entry.Question.Thread);
        Assert.Equal(question.EarlierTurns, entry.Question.EarlierTurns);
    }

    private ThreadAnswers Answers(PostgresConnections connections) =>
        new(new PostgresThreadAnswerStore(connections, clock), Options.Create(new AnsweringOptions()), NullLogger<ThreadAnswers>.Instance);

    private PostgresChatJournal Journal(PostgresConnections connections) =>
        new(connections, StoreInstance.New(), Options.Create(new ChatOptions()), clock, NullLogger<PostgresChatJournal>.Instance);

    private async Task<PostgresConnections> ConnectionsAsync() =>
        PostgresServer.Connections(await server.DatabaseAsync(GetType()), [PostgresThreadAnswerStore.Schema, PostgresChatJournal.Schema]);
}
