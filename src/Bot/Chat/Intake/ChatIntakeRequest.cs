namespace Newsdesk.Chat.Intake;

/// <summary>One command or question an adapter asks the <see cref="ChatIntake"/> to accept.</summary>
/// <param name="UserId">Who asked, for the per-user rate limit (null when the platform does not say).</param>
/// <param name="ChannelId">Where, for the per-channel rate limit.</param>
/// <param name="Job">The work to queue, with where its reply goes.</param>
public sealed record ChatIntakeRequest(string? UserId, string? ChannelId, ChatJob Job)
{
    /// <summary>Written once the rate limit allows the job and before it is queued, so a crash from then on loses
    /// nothing; null for work whose reply could not be made idempotent after a restart (a slash command's
    /// response_url). Its key becomes the job's <see cref="ChatJob.JournalKey"/>.</summary>
    public ChatJournalEntry? Journal { get; init; }

    /// <summary>A platform's own journal write, replacing the plain one: Slack writes the thread's turn with the
    /// entry, in one commit. True when the entry was written.</summary>
    public Func<CancellationToken, Task<bool>>? JournalAsync { get; init; }

    /// <summary>Takes back what <see cref="JournalAsync"/> wrote, when the inbox turns the job away.</summary>
    public Func<CancellationToken, Task>? UndoJournalAsync { get; init; }
}
