namespace Newsdesk.Chat;

/// <summary>A reply channel for journalled work that is not a question (a story brief): after a restart it redoes
/// that work itself, from the journalled <see cref="Question"/>, instead of having the question answered.</summary>
public interface IRerunnableReply : IReplyChannel
{
    /// <summary>Composes the reply again and returns the step that sends it (see <see cref="ChatJob.Run"/>: the worker
    /// confirms the journal lease before that step).</summary>
    Task<Func<CancellationToken, Task>> ComposeAgainAsync(Question question, CancellationToken cancellationToken);
}
