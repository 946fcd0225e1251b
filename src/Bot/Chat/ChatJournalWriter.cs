using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Newsdesk.Chat;

/// <summary>Runs the journal's writes one transaction per batch on a single loop (group commit), as
/// <c>Slack/SlackWriteBatcher</c> does for the Slack store: the add sits on the acknowledgement path, and a burst of
/// 500 adds done one by one would queue behind SQLite's single writer. Each caller is answered after the commit.</summary>
public sealed class ChatJournalWriter(Func<CancellationToken, Task<SqliteConnection>> open) : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<(Func<SqliteConnection, SqliteTransaction, Task> Write, TaskCompletionSource Done)> writes =
        Channel.CreateUnbounded<(Func<SqliteConnection, SqliteTransaction, Task>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock gate = new();
    private Task? loop;

    public Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        lock (gate) loop ??= Task.Run(RunAsync, CancellationToken.None);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!writes.Writer.TryWrite((write, done))) throw new InvalidOperationException("The chat journal is closed.");
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<(Func<SqliteConnection, SqliteTransaction, Task> Write, TaskCompletionSource Done)>(MaxBatch);
        while (await writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && writes.Reader.TryRead(out var item)) batch.Add(item);
            var errors = new Exception?[batch.Count];
            try
            {
                await using var connection = await open(CancellationToken.None);
                await using var transaction = connection.BeginTransaction();
                for (var i = 0; i < batch.Count; i++)
                {
                    // One failing statement fails only its caller; a failing commit (a full disk) fails them all.
                    try { await batch[i].Write(connection, transaction); }
                    catch (SqliteException error) { errors[i] = error; }
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
                if (errors[i] is { } error) batch[i].Done.TrySetException(error);
                else batch[i].Done.TrySetResult();
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
