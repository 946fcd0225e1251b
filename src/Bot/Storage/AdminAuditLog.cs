using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Newsdesk.Storage;

/// <summary>Every change made from chat (a feed added, a channel subscribed), who made it and when. The stores that
/// make such changes write the entry inside their own transaction, so a change is never saved without its record.</summary>
public sealed class AdminAuditLog(SqliteConnections connections) : IAdminAuditLog
{
    public static StoreSchema Schema { get; } = new(nameof(AdminAuditLog), ["admin_audit"], """
        CREATE TABLE IF NOT EXISTS admin_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL);
        """);

    /// <summary>Records <paramref name="change"/> inside the caller's transaction.</summary>
    public static async Task AddAsync(SqliteConnection connection, SqliteTransaction transaction, AdminChange change, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO admin_audit(at, actor, action, subject) VALUES ($at, $actor, $action, $subject)";
        command.Parameters.AddWithValue("$at", change.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$actor", change.Actor);
        command.Parameters.AddWithValue("$action", change.Action);
        command.Parameters.AddWithValue("$subject", change.Subject);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The latest changes, newest first.</summary>
    public async Task<IReadOnlyList<AdminChange>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, actor, action, subject FROM admin_audit ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var changes = new List<AdminChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            changes.Add(new AdminChange(DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return changes;
    }
}
