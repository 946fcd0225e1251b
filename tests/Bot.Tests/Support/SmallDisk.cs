using System.Diagnostics;

namespace Newsdesk.Tests.Support;

/// <summary>A small tmpfs that exists only for one child process: the child starts in its own user and mount namespace
/// (<c>unshare -rm</c>), mounts a tmpfs over a folder and execs the program. The test sees that disk through
/// <c>/proc/PID/root</c>, fills it with a file until the kernel says ENOSPC, and deletes the file to free it, so the
/// program meets a real full disk. Where namespaces or mounts are not permitted, tests skip with the reason.</summary>
public static class SmallDisk
{
    public const string Size = "64m";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Null where a small disk can be made; else why not.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> with a fresh tmpfs mounted on
    /// <paramref name="mount"/> (an existing, empty folder) in its own mount namespace.</summary>
    public static ProcessStartInfo Wrap(string mount, string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // exec keeps one process id from unshare through sh to the program, so Process.Id names the program.
        foreach (var arg in new[] { "-rm", "sh", "-c", $"mount -t tmpfs -o size={Size} tmpfs \"$0\" && exec \"$@\"", mount, program })
            start.ArgumentList.Add(arg);
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>The mount as the test sees it: through the child's root, in the child's mount namespace.</summary>
    public static string Seen(int processId, string mount) => $"/proc/{processId}/root{mount}";

    /// <summary>Fills the disk to the last byte. SQLite then fails every commit that must grow its write-ahead log.
    /// (A log that was checkpointed and reset is rewritten in place, so such commits could still succeed for a while; the
    /// tests' small corpus keeps the log under the 1,000-page auto-checkpoint, and they check that writes did fail.)</summary>
    public static void Fill(string seenMount)
    {
        using var filler = new FileStream(FillerPath(seenMount), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        var block = new byte[1 << 20];
        foreach (var size in new[] { block.Length, 4096, 1 })
        {
            try
            {
                while (true) filler.Write(block, 0, size);
            }
            catch (IOException)
            {
            }
        }
    }

    public static void Free(string seenMount) => File.Delete(FillerPath(seenMount));

    /// <summary>A copy of the database (and its write-ahead log) to read from the test. SQLite cannot open it in place:
    /// it resolves the /proc/PID/root link to "/" and would open the same path in the test's own namespace.</summary>
    public static string CopyOut(string seenMount, string database, string into)
    {
        foreach (var suffix in new[] { "", "-wal" })
        {
            var from = Path.Combine(seenMount, database + suffix);
            if (File.Exists(from)) File.Copy(from, Path.Combine(into, database + suffix), overwrite: true);
        }
        return Path.Combine(into, database);
    }

    private static string FillerPath(string seenMount) => Path.Combine(seenMount, "filler");

    private static string? Probe()
    {
        var folder = Path.Combine(Path.GetTempPath(), "newsdesk-tests", "probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var start = Wrap(folder, "true", []);
            using var process = Process.Start(start);
            if (process is null) return "unshare could not be started";
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"A tmpfs in a new mount namespace is not permitted here (unshare -rm, mount): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"unshare is not available: {exception.Message}";
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
