using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Retrieval;
using Newsdesk.Storage;

namespace Newsdesk.Digest;

/// <summary>Posts each scheduled digest, reading time only through <see cref="TimeProvider"/>. On start it runs the
/// latest slot at once if that is still inside <see cref="DigestOptions.CatchUpWindow"/> (a bot that was down at the
/// scheduled time catches up); a slot missed entirely is logged, not posted late.</summary>
public sealed class DigestScheduler(
    DigestSchedule schedule,
    DigestPublisher publisher,
    IDigestLedger ledger,
    DigestDestinations destinations,
    PassageIndexHolder index,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    private readonly HashSet<string> reportedMissed = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await index.WhenLoadedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var pending = await RunDueAsync(stoppingToken);
                var now = time.GetUtcNow();
                var wait = (schedule.Next(now) ?? now.AddHours(1)) - now;
                // A busy or failed destination is looked at again once the claim lease has run out.
                if (pending && wait > options.Value.ClaimLease) wait = options.Value.ClaimLease;
                // Wake at least hourly, so a wall-clock jump cannot leave the scheduler asleep past a slot.
                if (wait > TimeSpan.FromHours(1)) wait = TimeSpan.FromHours(1);
                await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Publishes the latest slot to every destination if it is due and inside the catch-up window. Returns
    /// true when some destination should be looked at again soon.</summary>
    public async Task<bool> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (schedule.LatestAtOrBefore(now) is not { } slot) return false;
        var date = schedule.SlotDate(slot);
        var pending = false;
        foreach (var destination in (await destinations.ListAsync(cancellationToken)).Select(d => d.Destination))
        {
            if (now - slot > options.Value.CatchUpWindow)
            {
                if (await ledger.GetAsync(destination.Key, date, cancellationToken) is null && reportedMissed.Add($"{destination.Key}|{date}"))
                    logger.LogWarning("Digest {Date} for {Destination} was not posted: the bot was down from its scheduled time until past " +
                        "Digest:CatchUpWindow ({Window})", date, destination.Key, options.Value.CatchUpWindow);
                continue;
            }
            try
            {
                var outcome = await publisher.PublishAsync(destination, slot, cancellationToken);
                if (outcome == DigestOutcome.NoPoster && reportedMissed.Add($"{destination.Key}|{date}|poster"))
                    logger.LogWarning("Digest destination {Destination} has no poster: its platform adapter is off", destination.Key);
                pending |= outcome is DigestOutcome.Busy or DigestOutcome.Failed;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                pending = true;
                if (StoreWriteHealth.CannotWrite(exception))
                    logger.LogWarning("Digest {Date} for {Destination} not posted: the digest ledger cannot be written ({Reason}), so the slot cannot " +
                        "be claimed; trying again after the claim lease ({Lease})", date, destination.Key, exception.Message, options.Value.ClaimLease);
                else
                    logger.LogError("Digest {Date} for {Destination} failed ({Error}); trying again after the claim lease", date, destination.Key, exception.GetType().Name);
            }
        }
        return pending;
    }
}
