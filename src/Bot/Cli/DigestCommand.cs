using Newsdesk.Digest;
using Newsdesk.Retrieval;

namespace Newsdesk.Cli;

/// <summary><c>digest --preview</c> prints today's digest as Markdown without posting or claiming anything;
/// <c>digest --post-now</c> posts today's digest to every destination now, through the same ledger as the schedule
/// (so a destination that already has today's digest does not get a second one).
/// Only posting brings the store up to date with the corpus folders first: that sync also removes documents outside
/// the folders given, which is right for what is posted, but a preview is a look and writes nothing, so it reads the
/// store as it is.</summary>
public sealed class DigestCommand(SearchIndexLoader loader, PassageIndexHolder index, DigestPreview preview, DigestPublisher publisher,
    DigestDestinations destinations, TimeProvider time)
{
    public async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        var postNow = command.Has("--post-now");
        if (!postNow && !command.Has("--preview"))
        {
            await Console.Error.WriteLineAsync("digest needs --preview (print today's digest) or --post-now (post it to Digest:Destinations)");
            return 2;
        }
        if (!postNow)
        {
            await index.ReloadAsync(cancellationToken);
            await output.WriteAsync(await preview.RenderMarkdownAsync(cancellationToken));
            return 0;
        }
        await loader.LoadAsync(cancellationToken);
        var targets = await destinations.ListAsync(cancellationToken);
        if (targets.Count == 0)
        {
            await Console.Error.WriteLineAsync("No Digest:Destinations are configured and no channel has subscribed; nothing to post to.");
            return 2;
        }
        var failed = false;
        foreach (var destination in targets.Select(t => t.Destination))
        {
            var outcome = await publisher.PublishAsync(destination, time.GetUtcNow(), cancellationToken);
            failed |= outcome is DigestOutcome.Failed or DigestOutcome.NoPoster or DigestOutcome.Busy;
            await output.WriteLineAsync($"{destination}: {outcome}");
        }
        return failed ? 1 : 0;
    }
}
