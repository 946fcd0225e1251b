using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Cli;

/// <summary><c>feeds</c>: each configured feed's health as the store has it (the same as <c>/readyz</c> shows): last
/// success, last error, failures in a row, items stored. Exit code 1 when a feed is failing, for scripts.</summary>
public sealed class FeedsCommand(FeedHealthStore health)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var feeds = await health.ListAsync(cancellationToken);
        if (feeds.Count == 0)
        {
            await output.WriteLineAsync("No feeds are configured (Corpus:Feeds).");
            return 0;
        }
        foreach (var feed in feeds) await output.WriteLineAsync(feed.Describe());
        return feeds.Any(f => f.ConsecutiveFailures > 0) ? 1 : 0;
    }
}
