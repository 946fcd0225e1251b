using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Polls the feeds for as long as the bot serves: first once the corpus is loaded, then every
/// <see cref="FeedOptions.FeedPollInterval"/> (a feed in backoff waits for its own next attempt).</summary>
public sealed class FeedPollingService(FeedPoller poller, ICorpusIndex index, IOptions<FeedOptions> options, TimeProvider time,
    ILogger<FeedPollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Feed documents are added to the store the folders were synchronised into; wait for that first.
            await index.WhenLoadedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await poller.PollOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception))
                {
                    // StoreWriteHealth has logged the failing write once; this says what it cost, without a stack trace.
                    logger.LogWarning("Polling the feeds stopped: the store cannot be written ({Reason}); trying again in {Interval}",
                        exception.Message, options.Value.FeedPollInterval);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Polling the feeds failed; trying again next interval");
                }
                await Task.Delay(options.Value.FeedPollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
