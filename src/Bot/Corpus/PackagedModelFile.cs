using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Corpus;

/// <summary>The ONNX model a SentenceTransformers package carries as a resource, written once to a file of its own.
/// ONNX Runtime given a path reads the weights straight into its tensors; given a byte array (all the package's own
/// encoder can do) it needs the array, the assembly's resource pages that filled it and its own copy at once. Measured
/// with ArcticXs: a resident set of 230 MiB after loading and encoding from the file, 355 MiB through the package
/// (peaks 236 and 447 MiB; docs/performance.md, "Memory of ask").</summary>
public static class PackagedModelFile
{
    /// <summary>Where the model files go by default: the user's local application data, so another user cannot swap in
    /// a model of their own (a shared temporary folder would allow that).</summary>
    public static string DefaultFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "newsdesk", "models");

    /// <summary>The model file for <paramref name="assembly"/>'s resource, written first if it is not there, and held
    /// (see <see cref="HeldModelFile"/>) until the caller disposes it; null when it cannot be written or held (a
    /// read-only disk, no home folder), and the caller loads from memory instead. Then the files of other builds of
    /// the package that no process holds are removed: each is about 90 MB, and every package build wrote one.</summary>
    public static HeldModelFile? Hold(Assembly assembly, string resourceName, string folder, ILogger? logger = null)
    {
        // The module version id changes with every build of the package, so a new package version never reuses an old file.
        var package = assembly.GetName().Name!;
        var path = Path.Combine(folder, $"{package}-{assembly.ManifestModule.ModuleVersionId:N}.onnx");
        try
        {
            using var resource = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"{package} has no resource {resourceName}.");
            HeldModelFile? held = null;
            // A file can go between being found and being held only if it was not held: a damaged one replaced by a
            // process of this build, or one of another build's removals racing this start. Written again, then held.
            for (var attempt = 0; held is null && attempt < 3; attempt++)
            {
                if (!File.Exists(path) || new FileInfo(path).Length != resource.Length) Write(resource, path, folder);
                held = TryHold(path, resource.Length);
            }
            if (held is not null) RemoveOtherBuilds(folder, package, path, logger);
            return held;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(Stream resource, string path, string folder)
    {
        Directory.CreateDirectory(folder);
        resource.Position = 0;
        // Written under a name of its own, then renamed: a process that starts meanwhile never reads half a model.
        var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                resource.CopyTo(file);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The file held, or null when it went meanwhile: a remover holding it exclusively (it is about to be
    /// deleted), or already deleted between this open and its lock, which the path then no longer shows.</summary>
    private static HeldModelFile? TryHold(string path, long length)
    {
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (IOException)
        {
            return null;
        }
        try
        {
            if (handle.Length == length && File.Exists(path) && new FileInfo(path).Length == length) return new HeldModelFile(path, handle);
        }
        catch (IOException)
        {
            // Gone between the two looks: as not held.
        }
        handle.Dispose();
        return null;
    }

    // Model files of other builds of this package, and partial files a killed writer left over an hour ago (a live
    // writer holds its partial file exclusively, but lets go just before renaming it). A file is removed only while
    // this process holds it exclusively, which it cannot while any process holds it (a running process of another
    // version sharing the folder), so such a file stays and a later start tries again. Listed once per model load.
    // The real clock, not a TimeProvider: it is compared with the file system's stamp, which comes from the real clock.
    private static void RemoveOtherBuilds(string folder, string package, string own, ILogger? logger)
    {
        var model = new Regex($"^{Regex.Escape(package)}-[0-9a-f]{{32}}\\.onnx$");
        var partial = new Regex($"^{Regex.Escape(package)}-[0-9a-f]{{32}}\\.onnx\\.[0-9]+\\.[0-9a-f]{{32}}\\.partial$");
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(folder, $"{package}-*");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("Could not list {Folder} for the model files of other builds of {Package} ({Error}); they stay.", folder, package, error.Message);
            return;
        }
        foreach (var candidate in entries)
        {
            var name = Path.GetFileName(candidate);
            if (candidate == own || !model.IsMatch(name) && !partial.IsMatch(name)) continue;
            try
            {
                if (partial.IsMatch(name) && File.GetLastWriteTimeUtc(candidate) > DateTime.UtcNow - AbandonedAfter) continue;
                Remove(candidate);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                logger?.LogWarning("Could not remove {File}, the model file of another build of {Package} ({Error}); it stays, and the next start tries again.",
                    candidate, package, error.Message);
            }
        }
    }

    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Deletes the file while holding it exclusively; one that another process holds (its open fails) or
    /// that went meanwhile is left alone without a word.</summary>
    private static void Remove(string file)
    {
        FileStream exclusive;
        try
        {
            exclusive = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException)
        {
            return; // held by a running process, or removed by another one first
        }
        using (exclusive) File.Delete(file);
    }

    /// <summary>The resource's bytes, for when no file can be written.</summary>
    public static byte[] Read(Assembly assembly, string resourceName)
    {
        using var resource = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {resourceName}.");
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        return bytes;
    }
}
