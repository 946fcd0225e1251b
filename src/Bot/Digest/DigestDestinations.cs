using Microsoft.Extensions.Options;

namespace Newsdesk.Digest;

/// <summary>Every place the digest goes: the configured destinations, then the channels subscribed from chat. Read
/// from the store on every pass, so a subscription counts from the next slot on, in every process; the ledger's
/// exactly-once rules apply to each alike.</summary>
public sealed class DigestDestinations(IOptions<DigestOptions> options, IDigestSubscriptionStore subscriptions)
{
    public async Task<IReadOnlyList<DigestSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        var configured = new List<DigestSubscription>();
        foreach (var value in options.Value.Destinations)
            if (DigestDestination.TryParse(value, out var destination)) configured.Add(new DigestSubscription(destination!, null, null));
        var keys = configured.Select(d => d.Destination.Key).ToHashSet(StringComparer.Ordinal);
        return [.. configured, .. (await subscriptions.ListAsync(cancellationToken)).Where(s => keys.Add(s.Destination.Key))];
    }
}
