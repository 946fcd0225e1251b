using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Replies;

/// <summary>Answers a mention or a DM with chat.postMessage, in the thread when there is one. With a
/// <see cref="SlackReplyKey"/> the answer (or the apology) carries it, so a retried post never doubles it; a reply
/// rebuilt from the journal (<paramref name="recovered"/>) first waits out Slack's commit lag, then looks for it and
/// posts nothing if it is there.</summary>
public sealed class SlackThreadReply(
    SlackWebApiClient client, SlackAnswerFormatter formatter, string channel, string? threadTs, SlackReplyKey? key = null,
    SlackRecoverySettle? recovered = null, IAnswerFeedbackStore? feedback = null, bool isSilentWhenNotCovered = false) : IReplyChannel
{
    /// <summary>With a feedback store, the answer is remembered under a fresh key that its 👍/👎 buttons carry. For a
    /// question nobody put to the bot directly (a channel in <c>all</c> mode) a decline is not posted at all.</summary>
    public async Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken)
    {
        if (isSilentWhenNotCovered && answer.Coverage == AnswerCoverage.NotCovered) return;
        var feedbackKey = feedback is null ? null : Guid.NewGuid().ToString("N");
        if (feedbackKey is not null) await feedback!.SaveAnswerAsync(SlackEventDispatcher.Platform, feedbackKey, answer, cancellationToken);
        await SendOnceAsync(formatter.Format(answer, feedbackKey), cancellationToken);
    }

    public Task SendFailureAsync(CancellationToken cancellationToken) =>
        SendOnceAsync(formatter.FormatNotice(ChatNotices.Failure), cancellationToken);

    public Task SendNoticeAsync(string text, CancellationToken cancellationToken) =>
        client.PostMessageAsync(channel, threadTs, formatter.FormatNotice(text), cancellationToken);

    private async Task SendOnceAsync(SlackMessageContent content, CancellationToken cancellationToken)
    {
        if (key is not null && recovered is not null)
        {
            await recovered.WaitAsync(cancellationToken);
            if (await client.FindReplyAsync(key, cancellationToken) is not null) return;
        }
        await client.PostMessageAsync(channel, threadTs, content, key, cancellationToken);
    }
}
