namespace Newsdesk.Storage;

/// <summary>A lock a store handed out (a feed's poll, on PostgreSQL an advisory lock on a held connection), released
/// when disposed. <see cref="None"/> is the lock of a provider where one process is all there is to exclude.</summary>
public sealed class StoreLock(Func<ValueTask> release) : IAsyncDisposable
{
    public static StoreLock None { get; } = new(() => ValueTask.CompletedTask);

    private int isReleased;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref isReleased, 1) == 0 ? release() : ValueTask.CompletedTask;
}
