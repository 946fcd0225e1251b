using System.Text.Json.Nodes;
using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Replies;

/// <summary>Answers a slash command through its response_url: ephemeral by default, in the channel for
/// <c>/newsdesk ask!</c>.</summary>
public sealed class SlackResponseUrlReply(SlackWebApiClient client, SlackAnswerFormatter formatter, Uri responseUrl, bool isInChannel,
    IAnswerFeedbackStore? feedback = null) : IReplyChannel
{
    /// <summary>With a feedback store, the answer is remembered under a fresh key that its 👍/👎 buttons carry.</summary>
    public async Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken)
    {
        var feedbackKey = feedback is null ? null : Guid.NewGuid().ToString("N");
        if (feedbackKey is not null) await feedback!.SaveAnswerAsync(SlackEventDispatcher.Platform, feedbackKey, answer, cancellationToken);
        await SendAsync(formatter.Format(answer, feedbackKey), cancellationToken);
    }

    public Task SendFailureAsync(CancellationToken cancellationToken) =>
        SendAsync(formatter.FormatNotice(ChatNotices.Failure), cancellationToken);

    public Task SendAsync(SlackMessageContent content, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["response_type"] = isInChannel ? "in_channel" : "ephemeral",
            ["replace_original"] = false,
            ["text"] = content.Text,
            ["blocks"] = content.Blocks.DeepClone(),
        };
        return client.RespondAsync(responseUrl, payload, cancellationToken);
    }
}
