using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary><c>serve</c>'s background preparation of <see cref="KnownSpanWindows"/>: once the index is loaded, and
/// again after each reload, the windows of sentences not prepared yet are embedded on a thread of its own at the
/// lowest priority (nice 19), so answers, which embed on the chat workers' threads, always come first; idle CPU goes to
/// it. The first preparation of the BBC set embeds about 120,000 windows (minutes of one core); later ones only the
/// windows of new sentences.</summary>
public sealed class SpanWindowPreparation(KnownSpanWindows known, PassageIndexHolder index, PassageEmbedder embedder, TimeProvider time,
    ILogger<SpanWindowPreparation> logger) : BackgroundService
{
    // How often a reload is looked for: a snapshot a minute old costs only a few first asks their windows' model call.
    // The first preparation waits as long too: a server that lives a minute (a check, a test's host) would not gain
    // from minutes of embedding, and on a store whose file is complete the pass costs a regex run over every sentence.
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var background = new EmbeddingThreads(threadCount: 1, niceness: 19);
        PassageIndex? prepared = null;
        try
        {
            await index.WhenLoadedAsync(stoppingToken);
            await Task.Delay(CheckEvery, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var snapshot = index.Current;
                if (!ReferenceEquals(snapshot, prepared))
                {
                    try
                    {
                        // The whole preparation on the low-priority thread (finding the windows is a regex pass over every
                        // sentence), waited for on a thread of its own rather than one of the pool's for minutes.
                        await Task.Factory.StartNew(() => background.Run(() => known.Prepare(snapshot, texts => embedder.EmbedOnCallingThread(texts, stoppingToken), stoppingToken)),
                            stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                        prepared = snapshot;
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
                    {
                        logger.LogWarning("Could not keep the span windows beside the store ({Reason}); first asks embed theirs", exception.Message);
                        prepared = snapshot;
                    }
                }
                await Task.Delay(CheckEvery, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
