using Newsdesk.Chat;
using Newsdesk.Discord.Commands;

namespace Newsdesk.Discord.Replies;

/// <summary>The reply to a journalled <c>/story</c> after a restart: the brief page is built again from the journalled
/// topic and edited into the interaction's original message (idempotent, as for a recovered question).</summary>
public sealed class DiscordStoryReply(DiscordInteractionResponder responder, DiscordStoryCommand story, int page) : IRerunnableReply
{
    public async Task RunAsync(Question question, CancellationToken cancellationToken) =>
        await responder.DeliverAsync(await story.BriefAsync(question.Text, page, cancellationToken), cancellationToken);

    public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) => responder.SendAnswerAsync(answer, cancellationToken);

    public Task SendFailureAsync(CancellationToken cancellationToken) => responder.SendFailureAsync(cancellationToken);
}
