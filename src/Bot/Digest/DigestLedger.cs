using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Digest;

/// <summary>Which digests were claimed and posted, in the shared SQLite file. A claim is one INSERT on the primary key
/// (destination, local date), so of several instances sharing the store exactly one wins it; a take-over is an UPDATE
/// conditioned on the claim it replaces.</summary>
public sealed class DigestLedger(SqliteConnections connections, StoreWriteHealth health) : IDigestLedger
{
    /// <summary>The slots claimed and posted, one row per destination and local date.</summary>
    public static StoreSchema Schema { get; } = new(nameof(DigestLedger), ["digest_slots"], """
            CREATE TABLE IF NOT EXISTS digest_slots (
                destination TEXT NOT NULL,
                slot_date TEXT NOT NULL,
                scheduled_at TEXT NOT NULL,
                window_start TEXT NOT NULL,
                window_end TEXT NOT NULL,
                marker TEXT NOT NULL,
                claimed_by TEXT NOT NULL,
                claimed_at TEXT NOT NULL,
                state TEXT NOT NULL,
                message_id TEXT NULL,
                PRIMARY KEY (destination, slot_date));
            """);

    /// <summary>True when this call created the claim; false when the slot already had one.</summary>
    public async Task<bool> TryClaimAsync(DigestSlot slot, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            INSERT OR IGNORE INTO digest_slots(destination, slot_date, scheduled_at, window_start, window_end, marker, claimed_by, claimed_at, state)
            VALUES ($destination, $date, $scheduled, $start, $end, $marker, $by, $at, 'Claimed')
            """, p =>
            {
                p.AddWithValue("$destination", slot.Destination);
                p.AddWithValue("$date", slot.SlotDate);
                p.AddWithValue("$scheduled", Format(slot.ScheduledAt));
                p.AddWithValue("$start", Format(slot.WindowStart));
                p.AddWithValue("$end", Format(slot.WindowEnd));
                p.AddWithValue("$marker", slot.Marker);
                p.AddWithValue("$by", slot.ClaimedBy);
                p.AddWithValue("$at", Format(slot.ClaimedAt));
            }, cancellationToken) == 1;

    /// <summary>Takes over a claim whose lease ran out, only if nobody changed it since it was read.</summary>
    public async Task<bool> TryTakeOverAsync(DigestSlot stale, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE digest_slots SET claimed_by = $by, claimed_at = $now, state = 'Claimed'
            WHERE destination = $destination AND slot_date = $date AND state = $oldState AND claimed_by = $oldBy AND claimed_at = $oldAt
            """, p =>
            {
                p.AddWithValue("$by", owner);
                p.AddWithValue("$now", Format(now));
                p.AddWithValue("$destination", stale.Destination);
                p.AddWithValue("$date", stale.SlotDate);
                p.AddWithValue("$oldState", stale.State.ToString());
                p.AddWithValue("$oldBy", stale.ClaimedBy);
                p.AddWithValue("$oldAt", Format(stale.ClaimedAt));
            }, cancellationToken) == 1;

    public Task FinishAsync(string destination, string slotDate, DigestSlotState state, string? messageId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE digest_slots SET state = $state, message_id = $id WHERE destination = $destination AND slot_date = $date", p =>
        {
            p.AddWithValue("$state", state.ToString());
            p.AddWithValue("$id", (object?)messageId ?? DBNull.Value);
            p.AddWithValue("$destination", destination);
            p.AddWithValue("$date", slotDate);
        }, cancellationToken);

    public async Task<DigestSlot?> GetAsync(string destination, string slotDate, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE destination = $destination AND slot_date = $date", p =>
        {
            p.AddWithValue("$destination", destination);
            p.AddWithValue("$date", slotDate);
        }, cancellationToken)).SingleOrDefault();

    /// <summary>Every slot, oldest first (for tests and the operator).</summary>
    public Task<IReadOnlyList<DigestSlot>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", _ => { }, cancellationToken);

    /// <summary>Where the previous digest of this destination stopped: the next one starts there.</summary>
    public async Task<DateTimeOffset?> PreviousWindowEndAsync(string destination, string beforeDate, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Every time is written in UTC in the round-trip format (fixed width), so the latest also sorts last as text.
        command.CommandText = "SELECT max(window_end) FROM digest_slots WHERE destination = $destination AND slot_date < $date";
        command.Parameters.AddWithValue("$destination", destination);
        command.Parameters.AddWithValue("$date", beforeDate);
        return await command.ExecuteScalarAsync(cancellationToken) is string end ? Parse(end) : null;
    }

    private async Task<IReadOnlyList<DigestSlot>> QueryAsync(string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT destination, slot_date, scheduled_at, window_start, window_end, marker, claimed_by, claimed_at, state, message_id
            FROM digest_slots {where} ORDER BY slot_date, destination
            """;
        bind(command.Parameters);
        var slots = new List<DigestSlot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slots.Add(new DigestSlot(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2)), Parse(reader.GetString(3)),
                Parse(reader.GetString(4)), reader.GetString(5), reader.GetString(6), Parse(reader.GetString(7)),
                Enum.Parse<DigestSlotState>(reader.GetString(8)), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return slots;
    }

    /// <summary>One row write, reported to <see cref="StoreWriteHealth"/> ("digest_ledger").</summary>
    private async Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        return await health.WriteAsync("digest_ledger", () => command.ExecuteNonQueryAsync(cancellationToken));
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
