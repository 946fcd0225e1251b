namespace Newsdesk.Chat;

/// <summary>Answers sent on any platform and the 👍/👎 given to them, as every provider offers them (see
/// <see cref="AnswerFeedbackStore"/> for SQLite, <c>PostgresAnswerFeedbackStore</c> for PostgreSQL).</summary>
public interface IAnswerFeedbackStore
{
    /// <summary>Remembers an answer for its feedback buttons; a failure to write it never stops the answer.</summary>
    Task SaveAnswerAsync(string platform, string key, Answer answer, CancellationToken cancellationToken);

    /// <summary>Records (or changes) one person's vote on one answer; false when the answer is unknown.</summary>
    Task<bool> SaveVoteAsync(string platform, string key, string userId, bool isHelpful, CancellationToken cancellationToken);

    /// <summary>Votes per day (UTC) and platform over the last <paramref name="days"/> days up to <paramref name="now"/>.</summary>
    Task<IReadOnlyList<FeedbackDay>> VotesPerDayAsync(int days, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Answers with more 👎 than 👍, most net 👎 first.</summary>
    Task<IReadOnlyList<RatedAnswer>> WorstRatedAsync(int limit, CancellationToken cancellationToken);
}
