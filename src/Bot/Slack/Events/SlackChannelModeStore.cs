using System.Globalization;
using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Slack.Events;

/// <summary>Each channel's mode, set with <c>/newsdesk mode mentions|all</c>: <c>mentions</c> (the default, no row)
/// answers only when mentioned; <c>all</c> answers every top-level message that reads as a question. Read on every
/// message from the store, so a change counts at once in every process; each change is audited.</summary>
public sealed class SlackChannelModeStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : ISlackChannelModeStore
{
    public const string Mentions = "mentions", All = "all";

    public static StoreSchema Schema { get; } = new(nameof(SlackChannelModeStore), ["slack_channel_modes"], """
        CREATE TABLE IF NOT EXISTS slack_channel_modes (
            channel TEXT PRIMARY KEY,
            mode TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL);
        """);

    public async Task<string> GetAsync(string channel, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT mode FROM slack_channel_modes WHERE channel = $channel";
        command.Parameters.AddWithValue("$channel", channel);
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? Mentions;
    }

    public Task SetAsync(string channel, string mode, string actor, CancellationToken cancellationToken) =>
        health.WriteAsync("slack_channel_modes", async () =>
        {
            var now = time.GetUtcNow();
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = mode == Mentions
                ? "DELETE FROM slack_channel_modes WHERE channel = $channel"
                : """
                  INSERT INTO slack_channel_modes(channel, mode, set_by, set_at) VALUES ($channel, $mode, $actor, $at)
                  ON CONFLICT(channel) DO UPDATE SET mode = $mode, set_by = $actor, set_at = $at
                  """;
            command.Parameters.AddWithValue("$channel", channel);
            command.Parameters.AddWithValue("$mode", mode);
            command.Parameters.AddWithValue("$actor", actor);
            command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken);
            await AdminAuditLog.AddAsync(connection, transaction, new AdminChange(now, actor, $"mode.{mode}", $"slack:{channel}"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
}
