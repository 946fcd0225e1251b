using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Storage;

namespace Newsdesk.Tests.Storage;

/// <summary><c>Storage:Provider</c> chooses, in one place, which implementation every chat-side store resolves to;
/// SQLite stays the default.</summary>
public sealed class StorageProviderTests
{
    [Theory]
    [InlineData(null, typeof(ChatJournal), typeof(ChatReplayGuard), typeof(AnswerFeedbackStore))]
    [InlineData("PostgreSQL", typeof(PostgresChatJournal), typeof(PostgresChatReplayGuard), typeof(PostgresAnswerFeedbackStore))]
    public async Task TheProviderChoosesEveryChatStoresImplementation(string? provider, Type journal, Type replays, Type feedback)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = provider is null ? null : "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddChatJournal(configuration).AddChatReplayGuard(configuration).AddAnswerFeedback(configuration);
        await using var container = services.BuildServiceProvider();

        Assert.IsType(journal, container.GetRequiredService<IChatJournal>());
        Assert.IsType(replays, container.GetRequiredService<IChatReplayGuard>());
        Assert.IsType(feedback, container.GetRequiredService<IAnswerFeedbackStore>());
        Assert.Equal(["AnswerFeedbackStore", "ChatJournal", "ChatReplayGuard"], container.GetServices<PostgresSchema>().Select(s => s.Owner).Order());
    }
}
