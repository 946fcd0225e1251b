using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>The follow-up retriever remembers each thread's story for the next turn; that memory must not outlive the
/// index snapshot it was found in, or every reload (a feed poll, a corpus change) would leave the replaced snapshot,
/// with all its passages and vectors, alive for as long as its threads are remembered.</summary>
public sealed class FollowUpRetrieverTests : SeedStoreTest
{
    [Fact]
    public async Task AThreadRememberedBeforeAReloadDoesNotKeepTheReplacedSnapshotAlive()
    {
        var retriever = Host.Services.GetRequiredService<FollowUpRetriever>();
        var holder = Host.Services.GetRequiredService<PassageIndexHolder>();
        var replaced = await AskFollowUpAndTrackSnapshotAsync(retriever, holder);

        await holder.ReloadAsync(CancellationToken.None);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(replaced.TryGetTarget(out _), "the snapshot replaced by the reload is still reachable");
    }

    [Fact]
    public async Task AFollowUpAfterAReloadIsStillAnsweredFromItsThreadsStory()
    {
        var retriever = Host.Services.GetRequiredService<FollowUpRetriever>();
        await retriever.RetrieveAsync(new Question("who ran allofmp3?", []), CancellationToken.None);
        await Host.Services.GetRequiredService<PassageIndexHolder>().ReloadAsync(CancellationToken.None);

        var followUp = await retriever.RetrieveAsync(new Question("how much did they charge for a track?", ["who ran allofmp3?"]), CancellationToken.None);

        Assert.True(followUp.IsCovered);
        Assert.Contains(followUp.Passages, p => p.Passage.Text.Contains("$0.10", StringComparison.Ordinal));
    }

    // Not inlined, so no local of this frame keeps the snapshot reachable when the test collects.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference<PassageIndex>> AskFollowUpAndTrackSnapshotAsync(FollowUpRetriever retriever, PassageIndexHolder holder)
    {
        await retriever.RetrieveAsync(new Question("how much did they charge?", ["who ran allofmp3?"]), CancellationToken.None);
        return new WeakReference<PassageIndex>(holder.Current);
    }
}
