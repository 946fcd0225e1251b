using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Replies;

/// <summary>Rebuilds a Slack thread reply from the chat journal after a restart. Threads never close, so how long
/// a late answer is still worth posting is <see cref="SlackOptions.RecoveryWindow"/>.</summary>
public sealed class SlackReplyRestorer(
    SlackWebApiClient client, SlackAnswerFormatter formatter, IAnswerFeedbackStore feedback, IOptions<SlackOptions> options, TimeProvider time)
    : IChatReplyRestorer
{
    public string Platform => SlackEventDispatcher.Platform;

    public TimeSpan ReplyWindow => options.Value.RecoveryWindow;

    public IReplyChannel Restore(string reply)
    {
        var key = JsonSerializer.Deserialize<SlackReplyKey>(reply, SlackJson.Options)
            ?? throw new JsonException("An empty Slack reply in the chat journal.");
        return new SlackThreadReply(client, formatter, key.Channel, key.ThreadTs, key,
            new SlackRecoverySettle(time, time.GetTimestamp(), options.Value.RecoverySettleDelay), feedback, isSilentWhenNotCovered: key.IsUnaddressed);
    }

    /// <summary>What the journal keeps for a thread reply: its key, which names the channel and thread too.</summary>
    public static string Save(SlackReplyKey key) => JsonSerializer.Serialize(key, SlackJson.Options);
}
