using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Platform;
using Newsdesk.Slack;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Storage;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>In a channel in <c>all</c> mode, a question nobody put to the bot is declined silently. A crash between the
/// journal and the reply must not lose that: the question taken over after a restart is still declined silently, while
/// one put to the bot directly still gets its decline.</summary>
public sealed class SlackUnaddressedRecoveryTests
{
    private const string Thread = "1700000091.000100";

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task ARecoveredDeclineIsPostedOnlyForAQuestionPutToTheBot(bool isUnaddressed, int expectedPosts)
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var factory = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = slack.ApiBaseUrl, RecoverySettleDelay = TimeSpan.Zero });
        var client = new SlackWebApiClient(factory, options, new PlatformRetryPolicy(TimeProvider.System, NullLogger<PlatformRetryPolicy>.Instance), NullLogger<SlackWebApiClient>.Instance);
        using var connections = new SqliteConnections(Options.Create(new StorageOptions { Database = folder.File("bot.db") }), [AnswerFeedbackStore.Schema]);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var store = new AnswerFeedbackStore(connections, new StoreWriteHealth(meters, TimeProvider.System, NullLogger<StoreWriteHealth>.Instance), TimeProvider.System);
        var restorer = new SlackReplyRestorer(client, new SlackAnswerFormatter(), store, options, TimeProvider.System);
        var key = new SlackReplyKey("CALLMODE", Thread, Thread, $"message:CALLMODE:{Thread}") { IsUnaddressed = isUnaddressed };

        var reply = restorer.Restore(SlackReplyRestorer.Save(key));
        await reply.SendAnswerAsync(new Answer("what did the bpi say about the weather?", false, "The news I follow does not say.", [], "offline", null, []), CancellationToken.None);

        Assert.Equal(expectedPosts, slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CALLMODE").Count);
    }
}
