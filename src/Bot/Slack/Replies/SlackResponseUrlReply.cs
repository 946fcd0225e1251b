using System.Text.Json.Nodes;
using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Replies;

/// <summary>Answers a slash command through its response_url: ephemeral by default, in the channel for
/// <c>/newsdesk ask!</c>.</summary>
public sealed class SlackResponseUrlReply(SlackWebApiClient client, SlackAnswerFormatter formatter, Uri responseUrl, bool isInChannel) : IReplyChannel
{
    public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) =>
        SendAsync(formatter.Format(answer), cancellationToken);

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
