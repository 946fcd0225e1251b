using System.Globalization;
using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Digest;

/// <summary>Channels subscribed to the digest from chat (<c>/digest subscribe</c>), by destination key
/// (<c>discord:ID</c>, <c>slack:ID</c>). Each change is written with its <see cref="AdminAuditLog"/> entry in one
/// transaction. Webhook destinations are never stored here: their URL is a credential.</summary>
public sealed class DigestSubscriptionStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IDigestSubscriptionStore
{
    public static StoreSchema Schema { get; } = new(nameof(DigestSubscriptionStore), ["digest_subscriptions"], """
        CREATE TABLE IF NOT EXISTS digest_subscriptions (
            destination TEXT PRIMARY KEY,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL);
        """);

    /// <summary>False when the channel was already subscribed.</summary>
    public Task<bool> SubscribeAsync(DigestDestination destination, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("INSERT OR IGNORE INTO digest_subscriptions(destination, added_by, added_at) VALUES ($destination, $actor, $at)",
            destination, actor, "digest.subscribe", cancellationToken);

    /// <summary>False when the channel was not subscribed from chat.</summary>
    public Task<bool> UnsubscribeAsync(DigestDestination destination, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("DELETE FROM digest_subscriptions WHERE destination = $destination", destination, actor, "digest.unsubscribe", cancellationToken);

    public async Task<IReadOnlyList<DigestSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT destination, added_by, added_at FROM digest_subscriptions ORDER BY added_at, destination";
        var list = new List<DigestSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!DigestDestination.TryParse(reader.GetString(0), out var destination)) continue;
            list.Add(new DigestSubscription(destination!, reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }
        return list;
    }

    private async Task<bool> ChangeAsync(string sql, DigestDestination destination, string actor, string action, CancellationToken cancellationToken) =>
        await health.WriteAsync("digest_subscriptions", async () =>
        {
            var now = time.GetUtcNow();
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$destination", destination.Key);
            command.Parameters.AddWithValue("$actor", actor);
            command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            await AdminAuditLog.AddAsync(connection, transaction, new AdminChange(now, actor, action, destination.Key), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
}
