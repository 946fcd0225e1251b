using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Cli;
using Newsdesk.Hosting;

namespace Newsdesk.LoadRunner;

/// <summary>The server side: the real <c>serve</c> host (<see cref="ServeCommand.Build"/>) in its own process, so
/// its memory is measured without the fakes' and the load generator's. It reports itself on stdout and stops when
/// the parent closes stdin.</summary>
public static class ChildServer
{
    public const string Flag = "--serve-child";
    public const string Listening = "LISTENING ";

    /// <param name="args">[Flag, sample milliseconds, "live" or "cheap", serve arguments…]</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var sampleMilliseconds = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        // "live" forces a full collection before each reading: the live heap is what growth must be judged on.
        var isLive = args[2] == "live";
        var app = ServeCommand.Build(CommandLine.Parse(["serve", .. args[3..]]));
        await app.StartAsync();
        Console.Out.WriteLine(Listening + app.Urls.First());
        Console.Out.Flush();

        var inbox = app.Services.GetRequiredService<ChatInbox>();
        using var stop = new CancellationTokenSource();
        var watchStdin = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is { } line && line != "STOP") { }
            await stop.CancelAsync();
        });
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(sampleMilliseconds));
        try
        {
            do
            {
                var live = isLive ? GC.GetTotalMemory(forceFullCollection: true) : GC.GetTotalMemory(false);
                var sample = new ServerSample(clock.Elapsed.TotalSeconds, Environment.WorkingSet, GC.GetGCMemoryInfo().HeapSizeBytes, live,
                    inbox.Depth, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, GC.CollectionCount(0), GC.CollectionCount(2));
                Console.Out.WriteLine(sample.Format());
                Console.Out.Flush();
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await app.StopAsync();
        await app.DisposeAsync();
        return 0;
    }
}
