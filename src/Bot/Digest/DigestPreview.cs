using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Digest;

/// <summary>Today's digest as it would be posted now, without posting or claiming anything: for
/// <c>digest --preview</c>, Discord's <c>/digest</c> and Slack's <c>/newsdesk digest</c>. Its window starts where the
/// newest posted digest (any destination) ended, or at the previous scheduled time when none was posted yet.</summary>
public sealed class DigestPreview(DigestComposer composer, IDigestLedger ledger, DigestSchedule schedule, TimeProvider time)
{
    public async Task<DigestContent> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var posted = (await ledger.ListAsync(cancellationToken)).Where(s => s.State is DigestSlotState.Posted or DigestSlotState.Skipped)
            .Select(s => (DateTimeOffset?)s.WindowEnd).Max();
        var start = posted ?? schedule.LatestAtOrBefore(now.AddSeconds(-1)) ?? now.AddDays(-1);
        if (start >= now) start = now.AddDays(-1);
        return await composer.ComposeAsync(start, now, schedule.Local(now), cancellationToken);
    }

    public async Task<string> RenderMarkdownAsync(CancellationToken cancellationToken) => DigestMarkdown.Render(await BuildAsync(cancellationToken));
}
