using Newsdesk.Chat;
using Newsdesk.Discord.Commands;

namespace Newsdesk.Discord.Replies;

/// <summary>The reply to a journalled <c>/story</c> after a restart: the brief page is built again from the journalled
/// topic and edited into the interaction's original message (idempotent, as for a recovered question).</summary>
public sealed class DiscordStoryReply(DiscordInteractionResponder responder, DiscordStoryCommand story, int page) : IRerunnableReply
{
    public async Task<Func<CancellationToken, Task>> ComposeAgainAsync(Question question, CancellationToken cancellationToken)
    {
        var brief = await story.BriefAsync(question.Text, page, cancellationToken);
        return ct => responder.DeliverAsync(brief, ct);
    }

    public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) => responder.SendAnswerAsync(answer, cancellationToken);

    public Task SendFailureAsync(CancellationToken cancellationToken) => responder.SendFailureAsync(cancellationToken);
}
