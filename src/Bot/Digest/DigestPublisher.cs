using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Digest;

/// <summary>Exactly once per destination per local date: claim the slot in the ledger, compose, mark it as sending,
/// post, record the message id. A claim left behind by a crashed instance is taken over only after its lease; if the
/// post may have gone out, the destination is searched for the digest's marker first, and where it cannot be searched
/// the slot is marked in doubt and logged, never reposted blindly nor skipped in silence.</summary>
public sealed class DigestPublisher(
    IDigestLedger ledger,
    DigestSchedule schedule,
    DigestComposer composer,
    IEnumerable<IDigestPoster> posters,
    IOptions<DigestOptions> options,
    TimeProvider time,
    DigestMetrics metrics,
    ILogger<DigestPublisher> logger)
{
    public string InstanceId { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static string Marker(DigestDestination destination, string slotDate) =>
        "nd-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{destination.Key}|{slotDate}")))[..12];

    public async Task<DigestOutcome> PublishAsync(DigestDestination destination, DateTimeOffset scheduledAt, CancellationToken cancellationToken)
    {
        var kind = destination.Platform.ToString();
        try
        {
            var outcome = await PublishOnceAsync(destination, scheduledAt, cancellationToken);
            metrics.Record(outcome, kind);
            return outcome;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Record("error", kind);
            throw;
        }
    }

    private async Task<DigestOutcome> PublishOnceAsync(DigestDestination destination, DateTimeOffset scheduledAt, CancellationToken cancellationToken)
    {
        var poster = posters.FirstOrDefault(p => p.Handles(destination));
        if (poster is null) return DigestOutcome.NoPoster;
        var date = schedule.SlotDate(scheduledAt);
        var now = time.GetUtcNow();
        var existing = await ledger.GetAsync(destination.Key, date, cancellationToken);
        if (existing is null)
        {
            var start = await ledger.PreviousWindowEndAsync(destination.Key, date, cancellationToken)
                ?? schedule.LatestAtOrBefore(scheduledAt.AddSeconds(-1)) ?? scheduledAt.AddDays(-1);
            var slot = new DigestSlot(destination.Key, date, scheduledAt, start, now, Marker(destination, date), InstanceId, now, DigestSlotState.Claimed, null);
            return await ledger.TryClaimAsync(slot, cancellationToken)
                ? await PostAsync(destination, poster, slot, cancellationToken)
                : DigestOutcome.Busy;
        }
        if (existing.State is DigestSlotState.Posted or DigestSlotState.Skipped or DigestSlotState.InDoubt) return DigestOutcome.AlreadyDone;
        if (now - existing.ClaimedAt < options.Value.ClaimLease) return DigestOutcome.Busy;

        if (existing.State == DigestSlotState.Sending)
        {
            if (!poster.CanFindPosted)
            {
                await ledger.FinishAsync(existing.Destination, date, DigestSlotState.InDoubt, null, cancellationToken);
                logger.LogError("Digest {Date} for {Destination} may or may not have been posted (the sender stopped mid-post) and this " +
                    "destination cannot be searched; not reposting. Check the channel for ref {Marker}", date, destination.Key, existing.Marker);
                return DigestOutcome.InDoubt;
            }
            var found = await poster.FindPostedAsync(destination, existing.Marker, existing.ClaimedAt.AddMinutes(-1), cancellationToken);
            if (found is not null)
            {
                await ledger.FinishAsync(existing.Destination, date, DigestSlotState.Posted, found, cancellationToken);
                logger.LogInformation("Digest {Date} for {Destination} was posted before a restart ({Marker}); recorded, not reposted", date, destination.Key, existing.Marker);
                return DigestOutcome.Recovered;
            }
        }
        // Nothing went out (or it is provably not in the channel): take the claim over and post.
        if (!await ledger.TryTakeOverAsync(existing, InstanceId, now, cancellationToken)) return DigestOutcome.Busy;
        return await PostAsync(destination, poster, existing with { ClaimedBy = InstanceId, ClaimedAt = now, State = DigestSlotState.Claimed }, cancellationToken);
    }

    private async Task<DigestOutcome> PostAsync(DigestDestination destination, IDigestPoster poster, DigestSlot slot, CancellationToken cancellationToken)
    {
        var digest = await composer.ComposeAsync(slot.WindowStart, slot.WindowEnd, schedule.Local(slot.ScheduledAt), cancellationToken);
        if (digest.IsQuiet && options.Value.ShouldSkipWhenEmpty)
        {
            await ledger.FinishAsync(slot.Destination, slot.SlotDate, DigestSlotState.Skipped, null, cancellationToken);
            if (digest.MoreCount == 0)
                logger.LogInformation("Digest {Date} for {Destination}: no new stories; skipped (Digest:SkipWhenEmpty)", slot.SlotDate, destination.Key);
            else
                logger.LogInformation("Digest {Date} for {Destination}: {Count} new stories may be on the beat but none is sure enough to lead; " +
                    "skipped (Digest:SkipWhenEmpty)", slot.SlotDate, destination.Key, digest.MoreCount);
            return DigestOutcome.Skipped;
        }
        await ledger.FinishAsync(slot.Destination, slot.SlotDate, DigestSlotState.Sending, null, cancellationToken);
        string messageId;
        try
        {
            messageId = await poster.PostAsync(destination, digest, slot.Marker, cancellationToken);
        }
        catch (DigestPostException exception)
        {
            // The destination answered with a refusal: nothing was posted, so the slot may be tried again.
            await ledger.FinishAsync(slot.Destination, slot.SlotDate, DigestSlotState.Claimed, null, cancellationToken);
            logger.LogError("Digest {Date} for {Destination} was refused ({Reason}); trying again after the claim lease", slot.SlotDate, destination.Key, exception.Message);
            return DigestOutcome.Failed;
        }
        await ledger.FinishAsync(slot.Destination, slot.SlotDate, DigestSlotState.Posted, messageId, cancellationToken);
        logger.LogInformation("Digest {Date} posted to {Destination}: {Count} stories", slot.SlotDate, destination.Key, digest.StoryCount);
        return DigestOutcome.Posted;
    }
}
