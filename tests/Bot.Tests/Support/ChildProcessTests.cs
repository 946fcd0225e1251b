using System.Diagnostics;

namespace Newsdesk.Tests.Support;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task AToolStoppedBeforeItEndsIsKilledWithWhatItStarted()
    {
        using var folder = new TemporaryFolder();
        var pids = folder.File("pids");
        // The shell starts a child of its own and writes both process ids, then waits on the child: a tool that hangs.
        var start = new ProcessStartInfo("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"sleep 300 & echo $$ $! > '{pids}.part' && mv '{pids}.part' '{pids}'; wait");
        using var stop = new CancellationTokenSource();
        var run = ChildProcess.RunToEndAsync(start, stop.Token);
        var started = await PidsAsync(pids, run);

        stop.Cancel();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => run);

        Assert.Contains("was stopped before it ended", error.Message);
        Assert.All(started, pid => Assert.False(Runs(pid), $"process {pid} still runs"));
    }

    [Fact]
    public async Task AToolThatEndsGivesItsExitCodeAndBothStreams()
    {
        var start = new ProcessStartInfo("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("echo out; echo err >&2; exit 3");

        var (exitCode, log) = await ChildProcess.RunToEndAsync(start, CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Contains("out", log);
        Assert.Contains("err", log);
    }

    // A killed child of the killed shell may stay a moment as a zombie (state Z) until init reaps it: it runs no more.
    private static bool Runs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Waits for the shell to say which processes it started (it renames the file into place once written), or fails
    // if the run ends first.
    private static async Task<int[]> PidsAsync(string file, Task run)
    {
        while (!File.Exists(file))
        {
            Assert.False(run.IsCompleted, "the shell ended before it wrote its process ids");
            await Task.Delay(10);
        }
        return (await File.ReadAllTextAsync(file)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
    }
}
