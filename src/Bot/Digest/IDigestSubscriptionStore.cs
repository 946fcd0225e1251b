namespace Newsdesk.Digest;

/// <summary>Channels subscribed to the digest from chat, as every provider offers them (see
/// <see cref="DigestSubscriptionStore"/> for SQLite, <c>PostgresDigestSubscriptionStore</c> for PostgreSQL).
/// Each change is written with its audit entry in one commit.</summary>
public interface IDigestSubscriptionStore
{
    /// <summary>False when the channel was already subscribed.</summary>
    Task<bool> SubscribeAsync(DigestDestination destination, string actor, CancellationToken cancellationToken);

    /// <summary>False when the channel was not subscribed from chat.</summary>
    Task<bool> UnsubscribeAsync(DigestDestination destination, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<DigestSubscription>> ListAsync(CancellationToken cancellationToken);
}
