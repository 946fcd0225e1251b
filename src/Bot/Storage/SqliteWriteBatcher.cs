using System.Threading.Channels;
using Microsoft.Data.Sqlite;
namespace Newsdesk.Storage;

/// <summary>Runs a store's small writes one transaction per batch on a single loop (group commit). The Slack claim and
/// the chat journal sit on the acknowledgement path; done one by one, writes queue behind SQLite's single writer
/// (about 1 ms each, so a burst of 500 Slack events took 600 ms), done together they cost one commit. Callers get
/// their own result only after the commit, so a claim is never reported before it is stored.</summary>
public sealed class SqliteWriteBatcher(string store, Func<CancellationToken, Task<SqliteConnection>> open) : IAsyncDisposable
{
    /// <summary>Enough to absorb a burst in a few commits while keeping each transaction short.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<(Func<SqliteConnection, SqliteTransaction, Task<bool>> Write, TaskCompletionSource<bool> Done)> writes =
        Channel.CreateUnbounded<(Func<SqliteConnection, SqliteTransaction, Task<bool>>, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock gate = new();
    private Task? loop;

    public Task<bool> WriteAsync(Func<SqliteConnection, SqliteTransaction, Task<bool>> write, CancellationToken cancellationToken)
    {
        lock (gate) loop ??= Task.Run(RunAsync, CancellationToken.None);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!writes.Writer.TryWrite((write, done))) throw new InvalidOperationException($"The {store} store is closed.");
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<(Func<SqliteConnection, SqliteTransaction, Task<bool>> Write, TaskCompletionSource<bool> Done)>(MaxBatch);
        while (await writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && writes.Reader.TryRead(out var item)) batch.Add(item);
            var results = new (bool Value, Exception? Error)[batch.Count];
            try
            {
                await using var connection = await open(CancellationToken.None);
                await using var transaction = connection.BeginTransaction();
                for (var i = 0; i < batch.Count; i++)
                {
                    // One failing write (a constraint, a bad value) fails only its caller, not the batch. A full disk
                    // fails the batch: SQLite may have rolled the whole transaction back, so no earlier write is kept.
                    try { results[i] = (await batch[i].Write(connection, transaction), null); }
                    catch (SqliteException error) when (!StoreWriteHealth.CannotWrite(error)) { results[i] = (false, error); }
                }
                await transaction.CommitAsync();
            }
            catch (Exception error)
            {
                foreach (var (_, done) in batch) done.TrySetException(error);
                continue;
            }
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i].Error is { } error) batch[i].Done.TrySetException(error);
                else batch[i].Done.TrySetResult(results[i].Value);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        Task? running;
        lock (gate) running = loop;
        if (running is not null) await running;
    }
}
