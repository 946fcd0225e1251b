using System.Globalization;
using Npgsql;

namespace Newsdesk.Storage;

/// <summary>The audit log of changes made from chat on PostgreSQL: the same entries as <see cref="AdminAuditLog"/>,
/// written by the stores that make the changes inside their own transactions.</summary>
public sealed class PostgresAdminAuditLog(PostgresConnections connections) : IAdminAuditLog
{
    public static PostgresSchema Schema { get; } = new(nameof(AdminAuditLog), ["admin_audit"], ["""
        CREATE TABLE admin_audit (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL);
        """]);

    /// <summary>Records <paramref name="change"/> inside the caller's transaction.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AdminChange change, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("INSERT INTO admin_audit(at, actor, action, subject) VALUES (@at, @actor, @action, @subject)", connection, transaction);
        command.Parameters.AddWithValue("at", change.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("actor", change.Actor);
        command.Parameters.AddWithValue("action", change.Action);
        command.Parameters.AddWithValue("subject", change.Subject);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdminChange>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT at, actor, action, subject FROM admin_audit ORDER BY id DESC LIMIT @limit", connection);
            command.Parameters.AddWithValue("limit", limit);
            var changes = new List<AdminChange>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                changes.Add(new AdminChange(DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            return changes;
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="change"/> (one statement that changes zero or one row) and, when it changed a row,
    /// its audit entry, in one transaction; false when nothing changed.</summary>
    public static async Task<bool> ChangeWithAuditAsync(PostgresConnections connections, string sql, IReadOnlyList<(string Name, object? Value)> parameters,
        AdminChange change, CancellationToken cancellationToken)
    {
        return await connections.WriteAsync("admin_audit", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            await AddAsync(connection, transaction, change, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }
}
