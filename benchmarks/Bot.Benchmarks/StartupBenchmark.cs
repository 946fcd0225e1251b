using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Retrieval.Planted;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>startup</c> verb: <c>ask</c> as a new process (load, answer one question, exit) over the warm
/// evaluation store, timed from outside, then the same work phase by phase inside a new process. Wall time on a
/// loaded machine says little, so each figure comes with the CPU time it took (user + system) and the load average.</summary>
public static class StartupBenchmark
{
    private const string Question = "Who shut down AllofMP3?";

    public static async Task<int> RunAsync(BenchmarkOptions options, int runs)
    {
        var database = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
        var bot = Environment.GetEnvironmentVariable("NEWSDESK_BOT_DLL") is { Length: > 0 } published ? published : Path.Combine(AppContext.BaseDirectory, "Bot.dll");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}; bot {bot}");
        var walls = new List<double>();
        var cpus = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (wall, cpu, _) = await RunAsync("dotnet", ["exec", bot, "ask", Question, $"--Storage:Database={database}", "--corpus", options.Seeds, "--corpus", options.Bbc], tieredCompilation: null);
            walls.Add(wall);
            cpus.Add(cpu);
            Console.WriteLine($"  ask as a new process: {wall:F2} s wall, {cpu:F2} s CPU (load average {MachineLoad.LoadAverage()})");
        }
        Console.WriteLine($"ask as a new process, median of {runs}: {Percentiles.Of(walls, 50):F2} s wall, {Percentiles.Of(cpus, 50):F2} s CPU");

        // The phases run in a child with the bot's own compilation setting, so its JIT work is what ask's would be.
        var tiered = BotTieredCompilation(bot);
        // On a copy of the store and its derived files: the child loads the index with the benchmark's build of the
        // code, which finds a snapshot written by another build (NEWSDESK_BOT_DLL's) stale and writes its own, so the
        // next real ask over this store would find its snapshot stale and rebuild it (about a second of its start).
        var copy = Directory.CreateDirectory(Path.Combine(options.WorkFolder, $"startup-phases-{Guid.NewGuid():N}")).FullName;
        try
        {
            CopyStore(database, Path.Combine(copy, Path.GetFileName(database)));
            var (_, _, phases) = await RunAsync("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Bot.Benchmarks.dll"), "startup-phases", "--work", copy, "--shared", options.Shared], tiered);
            Console.Write(phases);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
        return 0;
    }

    /// <summary>The store through SQLite's backup (its write-ahead log included), and the files a start keeps beside it
    /// (the corpus files' stamps, the index snapshot) as they are, so the copy starts as the original would.</summary>
    internal static void CopyStore(string database, string copy)
    {
        using (var source = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        foreach (var suffix in DerivedFiles)
            if (File.Exists(database + suffix)) File.Copy(database + suffix, copy + suffix);
    }

    internal static readonly string[] DerivedFiles = [".corpus-stamps", ".index-snapshot"];

    /// <summary>The <c>startup-variants</c> verb: <c>ask</c> as a new process for several builds or runtime settings,
    /// one run of each in turn per round (the order rotated every round), so that on a loaded machine every variant
    /// meets the same load. Each spec is <c>NAME|path/Bot.dll|DIR|VAR=VALUE,VAR=VALUE</c> (DIR holds its own copy of
    /// <c>evaluation-seed-bbc.db</c>: the index snapshot is keyed by the build, so builds must not share one; the
    /// variables go to that child's environment only, e.g. <c>DOTNET_TieredCompilation=1</c>).</summary>
    public static async Task<int> RunVariantsAsync(BenchmarkOptions options, int rounds)
    {
        var variants = options.Settings.Select(Variant.Parse).ToList();
        if (variants.Count == 0) throw new ArgumentException("startup-variants needs at least one NAME|Bot.dll|DIR|VAR=VALUE spec.");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}; {rounds} rounds of {variants.Count} variants");
        var results = variants.ToDictionary(v => v.Name, _ => new List<(double Wall, double Cpu, string Load)>());
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var variant = variants[(round + k) % variants.Count];
                var database = Path.Combine(variant.Folder, "evaluation-seed-bbc.db");
                var (wall, cpu, _) = await RunAsync("dotnet", ["exec", variant.Bot, "ask", Question, $"--Storage:Database={database}", "--corpus", options.Seeds, "--corpus", options.Bbc], variant.Environment);
                var load = MachineLoad.LoadAverage();
                results[variant.Name].Add((wall, cpu, load));
                Console.WriteLine($"  round {round + 1} {variant.Name,-24} {wall,6:F2} s wall, {cpu,5:F2} s CPU (load average {load})");
            }
        }
        Console.WriteLine("variant, CPU s per run, median CPU s, median wall s:");
        foreach (var variant in variants)
        {
            var runs = results[variant.Name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variant.Name,-24} {string.Join(", ", runs.Select(r => r.Cpu.ToString("F2", CultureInfo.InvariantCulture)))}; median {Percentiles.Of([.. runs.Select(r => r.Cpu)], 50):F2} s CPU, {Percentiles.Of([.. runs.Select(r => r.Wall)], 50):F2} s wall"));
        }
        return 0;
    }

    private sealed record Variant(string Name, string Bot, string Folder, IReadOnlyDictionary<string, string> Environment)
    {
        public static Variant Parse(string spec)
        {
            var parts = spec.Split('|');
            if (parts.Length is < 3 or > 4) throw new ArgumentException($"'{spec}' is not NAME|Bot.dll|DIR[|VAR=VALUE,…].");
            var environment = parts.Length == 4
                ? parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1])
                : [];
            return new Variant(parts[0], Path.GetFullPath(parts[1]), Path.GetFullPath(parts[2]), environment);
        }
    }

    /// <summary>Run inside a new process by <see cref="RunAsync(BenchmarkOptions, int)"/>: each phase of <c>ask</c> in
    /// turn (the bot overlaps the model load with the store's; here they run one after the other to be told apart).</summary>
    public static async Task<int> RunPhasesAsync(BenchmarkOptions options)
    {
        var database = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
        var clock = new PhaseClock();
        using (var self = Process.GetCurrentProcess())
            Console.WriteLine($"  runtime start until the verb runs: {(DateTime.Now - self.StartTime).TotalMilliseconds:F0} ms wall, {self.TotalProcessorTime.TotalMilliseconds:F0} ms CPU");
        using var host = BotHost.Create(database, [options.Seeds, options.Bbc], options.Settings);
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        clock.Lap("host built, options validated");
        await host.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);
        clock.Lap("store checked against the corpus folders");
        await MeasureIndexPartsAsync(host.Services, options, clock);
        // With a snapshot beside the store (kept by an earlier load, e.g. the runs above) ask reads that instead.
        var snapshot = File.Exists(database + ".index-snapshot") ? "from the index snapshot" : "from the store again";
        await host.Services.GetRequiredService<PassageIndexHolder>().ReloadAsync(CancellationToken.None);
        clock.Lap($"search index loaded, {snapshot}");
        host.Services.GetRequiredService<PassageEmbedder>().Warm();
        clock.Lap("model loaded (ONNX session)");
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        clock.Lap("collection after loading");
        var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
        await answerer.AnswerAsync(new Question(Question), CancellationToken.None);
        clock.Lap("first answer");
        await answerer.AnswerAsync(new Question("How much did a song cost on AllofMP3?"), CancellationToken.None);
        clock.Lap("second answer (another question)");
        Console.WriteLine($"phases of ask in a new process (tiered compilation {Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "default"}, load average {MachineLoad.LoadAverage()}):");
        Console.Write(clock.Report());
        Console.Write(PhaseClock.Totals());
        return 0;
    }

    // The index load in its parts, each run once here so that its first-use compilation is counted with it.
    private static async Task MeasureIndexPartsAsync(IServiceProvider services, BenchmarkOptions options, PhaseClock clock)
    {
        var rows = await services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(CancellationToken.None);
        clock.Lap("  index: passages and vectors read from the store");
        var (screened, _) = PlantedSentenceScreen.Screen(rows, services.GetRequiredService<MachineAddressedSentenceClassifier>());
        clock.Lap("  index: planted sentences screened");
        _ = new TermStatistics(screened.Select(p => p.Passage.Title + " " + p.Passage.Text));
        clock.Lap("  index: term statistics");
        _ = new Int8SentenceCodes(new SentenceVectors([.. screened.Select(p => p.Vectors)], 384));
        clock.Lap("  index: int8 codes");
        // What a start with a snapshot beside the store does instead of the first three parts above.
        var snapshot = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db") + ".index-snapshot";
        if (!File.Exists(snapshot)) return;
        var key = await services.GetRequiredService<IKnowledgeStore>().GetContentKeyAsync(CancellationToken.None);
        clock.Lap("  index: the store's content key");
        var read = IndexSnapshotFile.Read(snapshot, IndexSnapshotFile.KeyFor(key!));
        clock.Lap($"  index: snapshot read ({(read is null ? "stale" : "current")})");
    }

    // The bot's runtimeconfig says whether it compiles in tiers; the child gets the same through the environment.
    private static string? BotTieredCompilation(string bot)
    {
        var config = Path.ChangeExtension(bot, ".runtimeconfig.json");
        if (!File.Exists(config)) return null;
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.Runtime.TieredCompilation", out var tiered)
            ? (tiered.GetBoolean() ? "1" : "0") : null;
    }

    private static Task<(double Wall, double Cpu, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? tieredCompilation) =>
        RunAsync(file, arguments, tieredCompilation is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = tieredCompilation });

    private static async Task<(double Wall, double Cpu, string Output)> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var childCpu = ChildrenCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', start.ArgumentList)} failed: {await errors}");
        return (wall, ChildrenCpuSeconds() - childCpu, await output);
    }

    // An exited child's CPU time is gone from /proc; the kernel adds it to this process's waited-for children.
    private static double ChildrenCpuSeconds()
    {
        var usage = new long[18];
        return GetResourceUsage(-1, usage) == 0 ? usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6 : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, long[] usage);

    private sealed class PhaseClock
    {
        private readonly System.Text.StringBuilder report = new();
        private long started = Stopwatch.GetTimestamp();
        private TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        // The JIT's own account (every thread): how much of a phase is compiling rather than the work, and so what
        // precompiled code (ReadyToRun) could take off it.
        private TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime();
        private long methods = System.Runtime.JitInfo.GetCompiledMethodCount();

        public void Lap(string phase)
        {
            var now = Stopwatch.GetTimestamp();
            var cpuNow = Process.GetCurrentProcess().TotalProcessorTime;
            var jitNow = System.Runtime.JitInfo.GetCompilationTime();
            var methodsNow = System.Runtime.JitInfo.GetCompiledMethodCount();
            report.Append(CultureInfo.InvariantCulture, $"  {phase,-50} {Stopwatch.GetElapsedTime(started, now).TotalMilliseconds,7:F0} ms wall, {(cpuNow - cpu).TotalMilliseconds,7:F0} ms CPU, JIT {(jitNow - jit).TotalMilliseconds,6:F0} ms for {methodsNow - methods,5} methods\n");
            started = now;
            cpu = cpuNow;
            jit = jitNow;
            methods = methodsNow;
        }

        /// <summary>The JIT's totals since the runtime started, the phases before the first lap included.</summary>
        public static string Totals() => string.Create(CultureInfo.InvariantCulture,
            $"  JIT in all: {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms for {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompiledILBytes()} IL bytes; process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0} ms\n");

        public string Report() => report.ToString();
    }
}
