using Newsdesk.Chat;
using Newsdesk.Discord.Commands;

namespace Newsdesk.Discord.Replies;

/// <summary>Where the <see cref="ChatWorker"/> sends the answer to one /ask: formatted as an embed, remembered for
/// feedback, and delivered inline or as an edit of the deferred reply.</summary>
public sealed class DiscordInteractionReply(DiscordPendingResponse pending, DiscordFeedbackStore feedback, string answerKey) : IReplyChannel
{
    public async Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken)
    {
        await feedback.SaveAnswerAsync(answerKey, answer, cancellationToken);
        await pending.DeliverAsync(DiscordAnswerFormatter.Format(answer, answerKey), cancellationToken);
    }

    public Task SendFailureAsync(CancellationToken cancellationToken) =>
        pending.DeliverAsync(DiscordAnswerFormatter.FormatFailure(), cancellationToken);
}
