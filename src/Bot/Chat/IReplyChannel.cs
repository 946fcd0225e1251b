namespace Newsdesk.Chat;

/// <summary>Where the answer to one chat event goes back: a Discord interaction's original message, a Slack thread,
/// a slash command's response_url. Implemented by each platform adapter.</summary>
public interface IReplyChannel
{
    Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken);

    /// <summary>Tells the person, briefly, that answering failed, so nobody is left looking at "thinking…".</summary>
    Task SendFailureAsync(CancellationToken cancellationToken);
}
