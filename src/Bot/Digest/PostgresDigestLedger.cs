using Newsdesk.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Newsdesk.Digest;

/// <summary>The digest ledger on PostgreSQL, with <see cref="DigestLedger"/>'s semantics: a claim is one insert on the
/// key (destination, local date) that does nothing when the slot is taken, so of several replicas exactly one wins it;
/// a take-over is an update conditioned on the claim it replaces.</summary>
public sealed class PostgresDigestLedger(PostgresConnections connections) : IDigestLedger
{
    public static PostgresSchema Schema { get; } = new(nameof(DigestLedger), ["digest_slots"], ["""
        CREATE TABLE digest_slots (
            destination TEXT NOT NULL,
            slot_date TEXT NOT NULL,
            scheduled_at TIMESTAMPTZ NOT NULL,
            window_start TIMESTAMPTZ NOT NULL,
            window_end TIMESTAMPTZ NOT NULL,
            marker TEXT NOT NULL,
            claimed_by TEXT NOT NULL,
            claimed_at TIMESTAMPTZ NOT NULL,
            state TEXT NOT NULL,
            message_id TEXT NULL,
            PRIMARY KEY (destination, slot_date));
        """]);

    public async Task<bool> TryClaimAsync(DigestSlot slot, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            INSERT INTO digest_slots(destination, slot_date, scheduled_at, window_start, window_end, marker, claimed_by, claimed_at, state)
            VALUES (@destination, @date, @scheduled, @start, @end, @marker, @by, @at, 'Claimed') ON CONFLICT DO NOTHING
            """, p =>
            {
                p.AddWithValue("destination", slot.Destination);
                p.AddWithValue("date", slot.SlotDate);
                p.AddWithValue("scheduled", slot.ScheduledAt.ToUniversalTime());
                p.AddWithValue("start", slot.WindowStart.ToUniversalTime());
                p.AddWithValue("end", slot.WindowEnd.ToUniversalTime());
                p.AddWithValue("marker", slot.Marker);
                p.AddWithValue("by", slot.ClaimedBy);
                p.AddWithValue("at", slot.ClaimedAt.ToUniversalTime());
            }, cancellationToken) == 1;

    public async Task<bool> TryTakeOverAsync(DigestSlot stale, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE digest_slots SET claimed_by = @by, claimed_at = @now, state = 'Claimed'
            WHERE destination = @destination AND slot_date = @date AND state = @oldState AND claimed_by = @oldBy AND claimed_at = @oldAt
            """, p =>
            {
                p.AddWithValue("by", owner);
                p.AddWithValue("now", now.ToUniversalTime());
                p.AddWithValue("destination", stale.Destination);
                p.AddWithValue("date", stale.SlotDate);
                p.AddWithValue("oldState", stale.State.ToString());
                p.AddWithValue("oldBy", stale.ClaimedBy);
                p.AddWithValue("oldAt", stale.ClaimedAt.ToUniversalTime());
            }, cancellationToken) == 1;

    public Task FinishAsync(string destination, string slotDate, DigestSlotState state, string? messageId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE digest_slots SET state = @state, message_id = @id WHERE destination = @destination AND slot_date = @date", p =>
        {
            p.AddWithValue("state", state.ToString());
            p.AddWithValue("id", NpgsqlDbType.Text, (object?)messageId ?? DBNull.Value);
            p.AddWithValue("destination", destination);
            p.AddWithValue("date", slotDate);
        }, cancellationToken);

    public async Task<DigestSlot?> GetAsync(string destination, string slotDate, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE destination = @destination AND slot_date = @date", p =>
        {
            p.AddWithValue("destination", destination);
            p.AddWithValue("date", slotDate);
        }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<DigestSlot>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", _ => { }, cancellationToken);

    public Task<DateTimeOffset?> PreviousWindowEndAsync(string destination, string beforeDate, CancellationToken cancellationToken) =>
        connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT max(window_end) FROM digest_slots WHERE destination = @destination AND slot_date < @date", connection);
            command.Parameters.AddWithValue("destination", destination);
            command.Parameters.AddWithValue("date", beforeDate);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0);
        }, cancellationToken);

    private Task<IReadOnlyList<DigestSlot>> QueryAsync(string where, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken) =>
        connections.ReadAsync(connection => QueryAsync(connection, where, bind, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyList<DigestSlot>> QueryAsync(NpgsqlConnection connection, string where, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT destination, slot_date, scheduled_at, window_start, window_end, marker, claimed_by, claimed_at, state, message_id
            FROM digest_slots {where} ORDER BY slot_date, destination
            """, connection);
        bind(command.Parameters);
        var slots = new List<DigestSlot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slots.Add(new DigestSlot(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5), reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), Enum.Parse<DigestSlotState>(reader.GetString(8)), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return slots;
    }

    /// <summary>Retried after a lost connection. A claim whose commit was lost with the connection is then found taken
    /// (by this process) and reported busy: no digest is posted twice, and the slot's lease lets another run take it
    /// over once it expires.</summary>
    private Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken) =>
        connections.WriteAsync("digest_ledger", async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
