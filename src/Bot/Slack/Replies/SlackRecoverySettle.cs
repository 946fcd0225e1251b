namespace Newsdesk.Slack.Replies;

/// <summary>When a recovered reply may trust a look-up of its own earlier post: <paramref name="Delay"/> after it was
/// rebuilt (<paramref name="RestoredAt"/>, a <see cref="TimeProvider"/> timestamp). The answer is composed meanwhile,
/// so only what is left of the delay is waited.</summary>
public sealed record SlackRecoverySettle(TimeProvider Time, long RestoredAt, TimeSpan Delay)
{
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var left = Delay - Time.GetElapsedTime(RestoredAt);
        return left > TimeSpan.Zero ? Task.Delay(left, Time, cancellationToken) : Task.CompletedTask;
    }
}
