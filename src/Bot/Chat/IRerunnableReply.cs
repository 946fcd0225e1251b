namespace Newsdesk.Chat;

/// <summary>A reply channel for journalled work that is not a question (a story brief): after a restart it redoes
/// that work itself, from the journalled <see cref="Question"/>, instead of having the question answered.</summary>
public interface IRerunnableReply : IReplyChannel
{
    Task RunAsync(Question question, CancellationToken cancellationToken);
}
