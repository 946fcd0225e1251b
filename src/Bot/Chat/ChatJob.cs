namespace Newsdesk.Chat;

/// <summary>One question waiting in the inbox, with where its answer must go.</summary>
/// <param name="CorrelationId">Ties the platform request, the log lines and the reply together: the id the web host
/// gave the request that brought the question, or the platform's own id where there was no request (Socket Mode).</param>
public sealed record ChatJob(string CorrelationId, string Platform, Question Question, IReplyChannel Reply)
{
    /// <summary>The platform's own id for the question (Slack event id, Discord interaction id), logged beside the
    /// correlation id when they differ so either finds the other.</summary>
    public string? PlatformId { get; init; }

    /// <summary>Set when the question is in the <see cref="ChatJournal"/>: the worker removes that entry once a reply
    /// has been delivered.</summary>
    public string? JournalKey { get; init; }

    /// <summary>Work that is not a question (<c>/sources</c>, <c>/about</c>, <c>/digest</c>, a story brief): run by a
    /// worker instead of answering <see cref="Question"/> (which then only names the command in logs). It composes its
    /// reply and returns the step that sends it, so that for a journalled job the worker confirms its lease between
    /// the two, as it does between answering a question and sending the answer: a process that stalled past its lease
    /// sends nothing for work another process has taken over. A failure sends the apology, as for a question.</summary>
    public Func<CancellationToken, Task<Func<CancellationToken, Task>>>? Run { get; init; }
}
