using Newsdesk.Chat;

namespace Newsdesk.Slack;

/// <summary>Answers a mention or a DM with chat.postMessage, in the thread when there is one.</summary>
public sealed class SlackThreadReply(SlackWebApiClient client, SlackAnswerFormatter formatter, string channel, string? threadTs) : IReplyChannel
{
    public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) =>
        client.PostMessageAsync(channel, threadTs, formatter.Format(answer), cancellationToken);

    public Task SendFailureAsync(CancellationToken cancellationToken) =>
        SendNoticeAsync(SlackNotices.Failure, cancellationToken);

    public Task SendNoticeAsync(string text, CancellationToken cancellationToken) =>
        client.PostMessageAsync(channel, threadTs, formatter.FormatNotice(text), cancellationToken);
}
