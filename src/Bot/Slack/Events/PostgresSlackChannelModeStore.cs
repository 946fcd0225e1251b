using System.Globalization;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Slack.Events;

/// <summary>Each Slack channel's mode on PostgreSQL: the same rows as <see cref="SlackChannelModeStore"/> (no row is
/// <c>mentions</c>), each change with its audit entry in one transaction, read on every message by every replica.</summary>
public sealed class PostgresSlackChannelModeStore(PostgresConnections connections, TimeProvider time) : ISlackChannelModeStore
{
    public static PostgresSchema Schema { get; } = new(nameof(SlackChannelModeStore), ["slack_channel_modes"], ["""
        CREATE TABLE slack_channel_modes (channel TEXT PRIMARY KEY, mode TEXT NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL);
        """]);

    public async Task<string> GetAsync(string channel, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT mode FROM slack_channel_modes WHERE channel = @channel", connection);
            command.Parameters.AddWithValue("channel", channel);
            return await command.ExecuteScalarAsync(cancellationToken) as string ?? SlackChannelModeStore.Mentions;
        }, cancellationToken);
    }

    /// <summary>Audited even when the mode was already so, as on SQLite: the entry records the request.</summary>
    public async Task SetAsync(string channel, string mode, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sql = mode == SlackChannelModeStore.Mentions
            ? "DELETE FROM slack_channel_modes WHERE channel = @channel"
            : """
              INSERT INTO slack_channel_modes(channel, mode, set_by, set_at) VALUES (@channel, @mode, @actor, @at)
              ON CONFLICT (channel) DO UPDATE SET mode = @mode, set_by = @actor, set_at = @at
              """;
        await connections.WriteAsync("slack_channel_modes", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("channel", channel);
            command.Parameters.AddWithValue("mode", mode);
            command.Parameters.AddWithValue("actor", actor);
            command.Parameters.AddWithValue("at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken);
            await PostgresAdminAuditLog.AddAsync(connection, transaction, new AdminChange(now, actor, $"mode.{mode}", $"slack:{channel}"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }
}
