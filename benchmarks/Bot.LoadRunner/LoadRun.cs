using System.Diagnostics;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.LoadRunner;

/// <summary>One run: the fakes and the real server on loopback, a warm-up, then a burst (a set concurrency and
/// total) or a soak (a steady rate for some minutes), then the wait for every reply and the report.</summary>
public static class LoadRun
{
    /// <summary>How long without a new reply before the remaining requests are declared lost.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(60);

    /// <summary>How long to keep watching after the last expected reply, so a late duplicate is still seen.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        Directory.CreateDirectory(options.Work);
        await using var discord = await FakeDiscord.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        // One simulated user sends everything, so the per-user rate limit would refuse the load it is meant to measure.
        var serve = ServeArguments.For(options, discord, slack, "--Chat:RateLimits:IsEnabled=false");
        var sampleMilliseconds = options.IsSoak ? options.SampleSeconds * 1000 : 250;
        var starting = Stopwatch.StartNew();
        await using var server = await ServerProcess.StartAsync(sampleMilliseconds, options.IsSoak, serve);
        var address = await server.Address;
        using var http = LoadSender.CreateClient();
        var started = Stopwatch.StartNew();
        await WaitUntilReadyAsync(http, address);
        Console.WriteLine($"Server pid {server.Id} at {address} listening {starting.Elapsed.TotalSeconds - started.Elapsed.TotalSeconds:F1} s after start, ready {started.Elapsed.TotalSeconds:F1} s later; corpus {options.Corpus}");

        await using var watcher = new ReplyWatcher(discord, slack);
        watcher.Start();
        var factory = new RequestFactory(discord, slack, address, options);
        var sender = new LoadSender(http);

        if (options.Warmup > 0)
        {
            var warm = await SendAllAsync(sender, Prepare(factory, watcher, options.Warmup), Math.Min(8, options.Warmup));
            await WaitForRepliesAsync(warm);
            Console.WriteLine($"Warm-up: {options.Warmup} requests, {warm.Count(r => r.Replies.Count == 1)} answered once.");
        }

        var phaseStart = started.Elapsed.TotalSeconds;
        if (options.WarmConnections) await WarmConnectionsAsync(http, address, options.Concurrency);
        // Built and signed before the clock starts: the burst measures the server, not the signing.
        var prepared = options.IsSoak ? [] : Prepare(factory, watcher, options.Total);
        var cpu = new CpuWindow(server.Process);
        var requests = options.IsSoak
            ? await SoakAsync(factory, watcher, sender, options)
            : await SendAllAsync(sender, prepared, options.Concurrency);
        var sent = Stopwatch.GetTimestamp();
        var cpuUse = cpu.Finish();
        await WaitForRepliesAsync(requests);
        var report = new LoadReport(options, requests, watcher.StrayReplies, server.Samples.Where(s => s.Seconds >= phaseStart - 1).ToList(),
            server.LogLineCount, server.FirstLogLines);
        Console.WriteLine(cpuUse);
        Console.WriteLine($"All replies in or given up {Stats.Milliseconds(sent, Stopwatch.GetTimestamp()) / 1000:F1} s after the last send.");
        return report.Print();
    }

    private static List<LoadRequest> Prepare(RequestFactory factory, ReplyWatcher watcher, int total)
    {
        var requests = Enumerable.Range(0, total).Select(_ => factory.Create()).ToList();
        foreach (var request in requests) watcher.Track(request);
        return requests;
    }

    private static async Task<List<LoadRequest>> SendAllAsync(LoadSender sender, List<LoadRequest> requests, int concurrency)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count) await sender.SendAsync(requests[i]);
        })));
        return requests;
    }

    private static async Task<List<LoadRequest>> SoakAsync(RequestFactory factory, ReplyWatcher watcher, LoadSender sender, LoadOptions options)
    {
        var requests = new List<LoadRequest>();
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(options.Concurrency);
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromMinutes(options.SoakMinutes);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (clock.Elapsed < duration && await tick.WaitForNextTickAsync())
        {
            // A steady rate: catch up to rate × elapsed, so a slow tick does not lower the rate.
            var due = (int)(options.Rate * clock.Elapsed.TotalSeconds);
            while (requests.Count < due)
            {
                var request = factory.Create();
                watcher.Track(request);
                requests.Add(request);
                if (!slots.Wait(0))
                {
                    // More in flight than allowed: the server is not keeping up; send anyway but say so.
                    Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F0} s] {options.Concurrency} requests still unacknowledged");
                    await slots.WaitAsync();
                }
                inFlight.Add(Task.Run(async () =>
                {
                    try { await sender.SendAsync(request); }
                    finally { slots.Release(); }
                }));
            }
        }
        await Task.WhenAll(inFlight);
        return requests;
    }

    /// <summary>Opens one kept-alive connection per request that will be in flight (as a platform's sender that keeps
    /// its connections would have them), so the measured phase does not pay for TCP connects and accepts.</summary>
    private static async Task WarmConnectionsAsync(HttpClient http, Uri address, int connections)
    {
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = 0;
        var opened = Enumerable.Range(0, connections).Select(async _ =>
        {
            // Held unread until every one has its response: no connection is free to share, so each gets its own.
            using var response = await http.GetAsync(new Uri(address, "healthz"), HttpCompletionOption.ResponseHeadersRead);
            if (Interlocked.Increment(ref open) == connections) allOpen.TrySetResult();
            await allOpen.Task;
            await response.Content.ReadAsStringAsync();
        }).ToList();
        await Task.WhenAll(opened);
        Console.WriteLine($"Warmed {connections} client connections to the server.");
    }

    private static async Task WaitForRepliesAsync(IReadOnlyList<LoadRequest> requests)
    {
        var lastProgress = Stopwatch.StartNew();
        var answered = -1;
        while (true)
        {
            var now = requests.Count(r => r.Replies.Count > 0);
            if (now == requests.Count) break;
            if (now != answered)
            {
                answered = now;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > Quiet) break;
            await Task.Delay(100);
        }
        await Task.Delay(Settle);
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Uri address)
    {
        // Readiness only: a bounded poll while the corpus is indexed.
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(address, "readyz"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server was not ready in five minutes.");
    }
}
