using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Storage;
using Newsdesk.Slack.Events;

namespace Newsdesk.Tests.Slack;

/// <summary>The Slack store over a real file: a claim wins once, an accepted question's thread turn and chat journal
/// entry are one commit, and a question the inbox turned away is taken back.</summary>
public sealed class SlackStoreClaimTests
{
    [Fact]
    public async Task AClaimWinsOnceAndAnAcceptedQuestionStoresItsTurnAndJournalEntryTogether()
    {
        using var folder = new TemporaryFolder();
        using var connections = Connect(folder);
        var (store, journal) = Open(connections);
        await using var _ = store;

        Assert.True(await store.TryClaimAsync(["message:C1:1.1", "event:Ev1"], default));
        Assert.True(await store.AcceptAsync(Accepted("Ev1", "first"), default));
        Assert.False(await store.TryClaimAsync(["message:C1:1.1", "event:Ev1b"], default));
        Assert.Equal(["first"], await store.LoadTurnsAsync("C1", "1.0", 10, default));
        Assert.Equal(["Slack:Ev1"], (await journal.LoadAsync(default)).Select(e => e.Key));
    }

    [Fact]
    public async Task ForgettingATurnedAwayQuestionTakesBackItsTurnAndJournalEntryButNotItsClaim()
    {
        using var folder = new TemporaryFolder();
        using var connections = Connect(folder);
        var (store, journal) = Open(connections);
        await using var _ = store;
        var accepted = Accepted("Ev2", "refused");
        Assert.True(await store.TryClaimAsync(["message:C1:1.1"], default));
        Assert.True(await store.AcceptAsync(accepted, default));

        await store.ForgetAsync(accepted, default);

        Assert.Empty(await store.LoadTurnsAsync("C1", "1.0", 10, default));
        Assert.Empty(await journal.LoadAsync(default));
        Assert.False(await store.TryClaimAsync(["message:C1:1.1"], default));
    }

    private static SlackAcceptedQuestion Accepted(string eventId, string question) =>
        new("C1", "1.0", "1.1", question, new ChatJournalEntry($"Slack:{eventId}", "Slack", eventId, new Question(question), "{}", DateTimeOffset.UnixEpoch));

    private static SqliteConnections Connect(TemporaryFolder folder) =>
        new(Options.Create(new StorageOptions { Database = folder.File("bot.db") }), [SlackStore.Schema, ChatJournal.Schema]);

    private static (SlackStore Store, ChatJournal Journal) Open(SqliteConnections connections)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var health = new StoreWriteHealth(meters, TimeProvider.System, NullLogger<StoreWriteHealth>.Instance);
        var journal = new ChatJournal(connections, health, StoreInstance.New(), Options.Create(new ChatOptions()), TimeProvider.System, NullLogger<ChatJournal>.Instance);
        return (new SlackStore(connections, journal, Options.Create(new SlackOptions()), health, TimeProvider.System), journal);
    }
}
