using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Retrieval;

/// <summary>In <c>serve</c>: every <see cref="RetrievalOptions.CorpusChangeCheckInterval"/> (on the injected clock),
/// reloads the index when the store's version differs from the one loaded, so documents another process ingested
/// (<c>ingest</c>, a feed poll on another replica) are answerable within seconds, without a restart. A polled version
/// works the same on both providers and needs no connection held open per replica.</summary>
public sealed class CorpusChangeWatcher(PassageIndexHolder index, IOptions<RetrievalOptions> options, TimeProvider time,
    ILogger<CorpusChangeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await index.WhenLoadedAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.CorpusChangeCheckInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await index.ReloadIfChangedAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // The store is unreachable for now: answer from the index in memory and look again next tick.
                    logger.LogWarning("Could not check the store for corpus changes: {Reason}", exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
