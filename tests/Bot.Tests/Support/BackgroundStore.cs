using System.Diagnostics;
using System.Text;

namespace Newsdesk.Tests.Support;

/// <summary>A store that takes minutes to embed, built by the real program in a child process at the lowest CPU
/// priority: <c>ask --jsonl</c> with nothing on standard input synchronizes the corpus into the store, writes the index
/// snapshot and exits, exactly as a test host over the same folders would. Started as the run starts
/// (<see cref="NewsdeskTestFramework"/>), it embeds on the CPU the parallel tests leave idle while they wait on sockets,
/// timers and child processes of their own, and gives that CPU back whenever they want it, so timing-sensitive tests
/// are not slowed by it. A test host opened over the store once it is built finds every file up to date and embeds
/// nothing. It fails when the build makes no progress for <see cref="StallLimit"/> (<see cref="StallWatch"/>), not
/// after a total: on a loaded machine the build at the lowest priority is slow but moving.</summary>
public sealed class BackgroundStore(string database, IReadOnlyList<string> corpusFolders, IReadOnlyList<string> settings,
    Action? prepare = null, TimeProvider? time = null) : IDisposable
{
    /// <summary>The build saves documents a few at a time as they are embedded, so minutes without a write of the
    /// store's files or a line of output is a hang: a document takes well under a second idle. Ten minutes also covers
    /// the start (loading the model, reading the corpus) at the lowest priority under load.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ProgressPeriod = TimeSpan.FromSeconds(15);
    private static readonly string[] NiceLocations = ["/usr/bin/nice", "/bin/nice"];
    private static readonly string[] NiceArguments = ["-n", "19", "dotnet"];

    private readonly Lock gate = new();
    private readonly StringBuilder log = new();
    private Task? build;
    private Process? process;

    public string Database => database;

    public IReadOnlyList<string> CorpusFolders => corpusFolders;

    /// <summary>Starts the build unless it has started already; returns at once.</summary>
    public void Start()
    {
        lock (gate) build ??= Task.Run(BuildAsync);
    }

    /// <summary>Completes when the store is built (starting the build if nothing did); fails with the program's
    /// output if it could not be. The run now waits on the build, so it is given back the test process's own priority
    /// (where the system allows: lowering a nice value needs the right to), or on a busy machine it would barely move.</summary>
    public async Task BuiltAsync()
    {
        Start();
        while (!build!.IsCompleted)
        {
            // Again every few seconds: a thread started after the last pass began at the lowest priority.
            await ReprioritizeAsync();
            await Task.WhenAny(build, Task.Delay(TimeSpan.FromSeconds(3)));
        }
        await build;
    }

    private async Task BuildAsync()
    {
        prepare?.Invoke();
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var start = Lowest(["exec", Path.Combine(AppContext.BaseDirectory, "Bot.dll"), "ask", "--jsonl",
            .. corpusFolders.SelectMany(folder => new[] { "--corpus", folder }),
            $"--Storage:Database={database}", "--Logging:LogLevel:Default=Warning", .. settings]);
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.WorkingDirectory = AppContext.BaseDirectory;
        lock (gate) process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            await new StallWatch(StallLimit, ProgressPeriod, time ?? TimeProvider.System).WaitAsync(process.WaitForExitAsync(), Progress);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Building {database} made no progress for {StallLimit} (its files and its output unchanged):\n{Log}");
        }
        // WaitForExitAsync returns once the output is read to its end, so the log is whole here.
        if (process.ExitCode != 0) throw new InvalidOperationException($"Building {database} exited with {process.ExitCode}:\n{Log}");
    }

    /// <summary>Through <c>nice -n 19</c> where it is on the path, so every thread the program starts (the model's
    /// included) runs at the lowest priority; at normal priority elsewhere.</summary>
    private static ProcessStartInfo Lowest(string[] dotnetArguments)
    {
        var nice = NiceLocations.FirstOrDefault(File.Exists);
        var start = new ProcessStartInfo(nice ?? "dotnet") { UseShellExecute = false };
        if (nice is not null)
        {
            foreach (var argument in NiceArguments) start.ArgumentList.Add(argument);
        }
        foreach (var argument in dotnetArguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>renice of every thread of the program (a priority belongs to a thread on Linux) to this process's own
    /// nice value; best effort, as the build goes on either way.</summary>
    private async Task ReprioritizeAsync()
    {
        int id;
        lock (gate)
        {
            if (process is not { HasExited: false } running) return;
            id = running.Id;
        }
        var tasks = $"/proc/{id}/task";
        if (!Directory.Exists(tasks) || !File.Exists("/proc/self/stat")) return;
        try
        {
            var own = (await File.ReadAllTextAsync("/proc/self/stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16];
            var renice = new ProcessStartInfo("renice") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["-n", own, "-p", .. Directory.GetDirectories(tasks).Select(thread => new DirectoryInfo(thread).Name)]) renice.ArgumentList.Add(argument);
            using var running = Process.Start(renice)!;
            await Task.WhenAll(running.StandardOutput.ReadToEndAsync(), running.StandardError.ReadToEndAsync(), running.WaitForExitAsync());
        }
        catch (Exception error) when (error is IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            // The program exited meanwhile, or renice is missing: it builds at the priority it has.
        }
    }

    /// <summary>What moves while the build works: the store's files (the database, its write-ahead log, the corpus
    /// stamps and the index snapshot, all named after the database) and the program's output.</summary>
    private (long Bytes, DateTime Written, int Files, int Output) Progress()
    {
        FileInfo[] files;
        try
        {
            var folder = new DirectoryInfo(Path.GetDirectoryName(database)!);
            files = folder.Exists ? folder.GetFiles(Path.GetFileName(database) + "*") : [];
        }
        catch (IOException)
        {
            files = [];
        }
        int output;
        lock (log) output = log.Length;
        return (files.Sum(f => f.Length), files.Select(f => f.LastWriteTimeUtc).DefaultIfEmpty().Max(), files.Length, output);
    }

    private string Log
    {
        get { lock (log) return log.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    /// <summary>Stops a build still running (a run whose tests did not need the store after all).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            try
            {
                if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
            process?.Dispose();
        }
    }
}
