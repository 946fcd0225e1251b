using System.Reflection;

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

    /// <summary>The path of the model file for <paramref name="assembly"/>'s resource, written first if it is not there;
    /// null when it cannot be written (a read-only disk, no home folder), and the caller loads from memory instead.</summary>
    public static string? Find(Assembly assembly, string resourceName, string folder)
    {
        // The module version id changes with every build of the package, so a new package version never reuses an old file.
        var path = Path.Combine(folder, $"{assembly.GetName().Name}-{assembly.ManifestModule.ModuleVersionId:N}.onnx");
        try
        {
            using var resource = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {resourceName}.");
            if (File.Exists(path) && new FileInfo(path).Length == resource.Length) return path;
            Directory.CreateDirectory(folder);
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
            return path;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
