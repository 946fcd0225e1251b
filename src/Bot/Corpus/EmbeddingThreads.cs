using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Newsdesk.Corpus;

/// <summary>A few dedicated threads that run ONNX inference below normal priority (Linux "nice"; elsewhere
/// <see cref="ThreadPriority.BelowNormal"/>). Embedding a question is most of an answer's CPU, tens of milliseconds;
/// acknowledging a platform request is a fraction of a millisecond with a 3 s deadline. On a small machine a burst
/// of requests otherwise waits behind the answers being computed (docs/reliability.md, "Load"); idle CPU still
/// goes to embedding at once.
/// <para>The caller blocks until its inference is done, as it did when it ran the inference itself. Only inference
/// runs on these threads, never queueing to the thread pool: Linux threads inherit the nice value of the thread that
/// creates them, and the pool creates a worker on whichever thread queues work when it needs one.</para></summary>
public sealed class EmbeddingThreads : IDisposable
{
    private readonly BlockingCollection<Action> queue = [];
    private readonly Thread[] threads;
    private readonly int niceness;

    /// <param name="threadCount">Inferences at once: one per chat worker.</param>
    /// <param name="niceness">1 (slightly below normal) to 19 (only what nothing else wants).</param>
    public EmbeddingThreads(int threadCount, int niceness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(niceness, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(niceness, 19);
        this.niceness = niceness;
        threads = [.. Enumerable.Range(0, threadCount).Select(i => new Thread(Run) { IsBackground = true, Name = $"Embedding {i}" })];
        foreach (var thread in threads) thread.Start();
    }

    public int Count => threads.Length;

    /// <summary>Runs <paramref name="work"/> on one of the threads and returns its result (or throws its exception).</summary>
    public T Run<T>(Func<T> work)
    {
        // Continuations run inline (no RunContinuationsAsynchronously): the only one is the wait below, so completing
        // it from an embedding thread wakes the caller and queues nothing to the thread pool.
        var done = new TaskCompletionSource<T>();
        try
        {
            queue.Add(() =>
            {
                try { done.SetResult(work()); }
                catch (Exception exception) { done.SetException(exception); }
            });
        }
        catch (InvalidOperationException) when (queue.IsAddingCompleted)
        {
            // Disposed while the host stops: a late caller still gets its vector, at normal priority.
            return work();
        }
        // A blocking wait on a Task, not on an event: the thread pool sees one of its threads blocked this way and adds
        // a thread meanwhile, so callers waiting for a starved embedding thread do not take the pool from the
        // acknowledgements.
        return done.Task.GetAwaiter().GetResult();
    }

    private void Run()
    {
        // Should the platform refuse, embedding still works, only at normal priority.
        Lower(niceness);
        foreach (var work in queue.GetConsumingEnumerable()) work();
    }

    private static void Lower(int niceness)
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return;
        }
        // .NET does not apply Thread.Priority on Linux. There each thread has its own nice value, set by setpriority on
        // its thread id; raising it needs no privilege. Relative to the thread's current value, so a bot started with
        // `nice` keeps the same distance between acknowledging and embedding.
        var thread = GetThreadId();
        _ = SetPriority(0, thread, Math.Min(19, GetPriority(0, thread) + niceness));
    }

    // Plain DllImport: the arguments are ints, nothing to marshal; LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "getpriority")]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    public void Dispose()
    {
        queue.CompleteAdding();
        // The queue itself is left to the collector: a thread still finishing an inference must not find it disposed.
        foreach (var thread in threads) thread.Join(TimeSpan.FromSeconds(5));
    }
}
