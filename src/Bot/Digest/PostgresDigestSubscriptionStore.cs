using System.Globalization;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Digest;

/// <summary>Digest subscriptions made from chat on PostgreSQL: the same rows as <see cref="DigestSubscriptionStore"/>,
/// each change with its audit entry in one transaction, seen at once by every replica's scheduler.</summary>
public sealed class PostgresDigestSubscriptionStore(PostgresConnections connections, TimeProvider time) : IDigestSubscriptionStore
{
    public static PostgresSchema Schema { get; } = new(nameof(DigestSubscriptionStore), ["digest_subscriptions"], ["""
        CREATE TABLE digest_subscriptions (destination TEXT PRIMARY KEY, added_by TEXT NOT NULL, added_at TEXT NOT NULL);
        """]);

    public Task<bool> SubscribeAsync(DigestDestination destination, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("INSERT INTO digest_subscriptions(destination, added_by, added_at) VALUES (@destination, @actor, @at) ON CONFLICT (destination) DO NOTHING",
            destination, actor, "digest.subscribe", cancellationToken);

    public Task<bool> UnsubscribeAsync(DigestDestination destination, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("DELETE FROM digest_subscriptions WHERE destination = @destination", destination, actor, "digest.unsubscribe", cancellationToken);

    public async Task<IReadOnlyList<DigestSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT destination, added_by, added_at FROM digest_subscriptions ORDER BY added_at, destination", connection);
            var list = new List<DigestSubscription>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!DigestDestination.TryParse(reader.GetString(0), out var destination)) continue;
                list.Add(new DigestSubscription(destination!, reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            }
            return list;
        }, cancellationToken);
    }

    private Task<bool> ChangeAsync(string sql, DigestDestination destination, string actor, string action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return PostgresAdminAuditLog.ChangeWithAuditAsync(connections, sql,
            [("destination", destination.Key), ("actor", actor), ("at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))],
            new AdminChange(now, actor, action, destination.Key), cancellationToken);
    }
}
