using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Newsdesk.Corpus;

/// <summary>The model's graph as ONNX Runtime optimises it, kept in a folder beside the model file, with its weights in
/// a file of their own. Most of a plain session's creation is copying the weights (file, protobuf, tensors) into fresh
/// memory and optimising the graph; a later session reads the kept graph with optimisation off and maps the weights
/// file instead (ONNX Runtime aligns each large tensor in it for that): 0.27-0.30 s CPU against 1.0-1.05 s
/// (docs/performance.md, "Stop 17"). The vectors are bit for bit the plain session's: the kept graph is the one the
/// plain session runs, and each load checks that a probe sentence gives the vector recorded when it was written.</summary>
public static partial class OptimisedModelCache
{
    // Bumped when what the folder holds or how it is checked changes, so an old folder is never read as a new one.
    private const int FormatVersion = 1;
    private const string GraphFile = "model.onnx";
    private const string WeightsFile = "model.weights";
    private const string CheckFile = "check";

    /// <summary>A session over the model at <paramref name="modelPath"/>: from the kept optimised graph where it is
    /// there and intact, else built from the model, keeping its optimised graph where the folder can be written. A
    /// damaged or stale folder is replaced, with a warning. <paramref name="probe"/> gives a session's vector of one
    /// fixed sentence.</summary>
    public static InferenceSession Open(string modelPath, SessionOptions options, Func<InferenceSession, float[]> probe, ILogger? logger)
    {
        var folder = FolderFor(modelPath, options);
        var level = options.GraphOptimizationLevel;
        if (Directory.Exists(folder))
        {
            var (session, problem) = TryLoad(folder, options, probe);
            if (session is not null)
            {
                MarkUsed(folder);
                return session;
            }
            logger?.LogWarning("The optimised model in {Folder} is not usable ({Problem}); it is built again from {Model}.", folder, problem, modelPath);
            options.GraphOptimizationLevel = level;
            Discard(folder);
        }
        return Build(modelPath, folder, options, probe, logger);
    }

    /// <summary>The folder for this model file, ONNX Runtime version, processor and optimisation level: ONNX Runtime
    /// says an optimised graph may hold kernels for the processor it was optimised on.</summary>
    internal static string FolderFor(string modelPath, SessionOptions options)
    {
        var identity = string.Join('|', FormatVersion, Path.GetFileName(modelPath), new FileInfo(modelPath).Length,
            OrtEnv.Instance().GetVersionString(), RuntimeInformation.ProcessArchitecture, ProcessorFeatures(), options.GraphOptimizationLevel);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        return Path.Combine(Path.GetDirectoryName(modelPath)!, $"{Path.GetFileNameWithoutExtension(modelPath)}-optimised-{key}");
    }

    private static (InferenceSession? Session, string Problem) TryLoad(string folder, SessionOptions options, Func<InferenceSession, float[]> probe)
    {
        InferenceSession session;
        ModelCacheCheck check;
        try
        {
            if (ModelCacheCheck.Read(Path.Combine(folder, CheckFile), FormatVersion) is not { } read) return (null, "its check file is missing or damaged");
            check = read;
            if (!check.Describes(Path.Combine(folder, GraphFile), Path.Combine(folder, WeightsFile))) return (null, "its files do not match their checksums");
            // Already optimised: optimising it again would only cost time.
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            session = new InferenceSession(Path.Combine(folder, GraphFile), options);
        }
        // Another process may remove the folder while this one reads it (it found it damaged, or it was a key unused
        // for a day): this process then builds its own, as for any other damage.
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            return (null, error.Message);
        }
        if (MemoryMarshal.AsBytes(probe(session).AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(check.Probe.AsSpan()))) return (session, "");
        session.Dispose();
        return (null, "its probe vector differs from the one recorded when it was written");
    }

    private static InferenceSession Build(string modelPath, string folder, SessionOptions options, Func<InferenceSession, float[]> probe, ILogger? logger)
    {
        // Written into a folder of its own, checked, then renamed into place: a process that starts meanwhile never
        // reads half of it, and of two processes writing at once the first rename wins and the other keeps the session
        // it built (the rename of a folder onto one that exists fails). The weights file's name is recorded inside the
        // graph, so the folder is renamed, not the files.
        var partial = PartialName(folder);
        try
        {
            Directory.CreateDirectory(partial);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("The optimised model could not be written to {Folder} ({Problem}); the model loads without it.", partial, error.Message);
            return new InferenceSession(modelPath, options);
        }
        InferenceSession session;
        var severity = options.LogSeverityLevel;
        try
        {
            options.OptimizedModelFilePath = Path.Combine(partial, GraphFile);
            options.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", WeightsFile);
            options.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
            // ONNX Runtime warns on standard error that the graph it writes may hold processor-specific kernels; the
            // folder's key names the processor's features, so the warning would only alarm a reader of `ask`.
            options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException error)
        {
            options.LogSeverityLevel = severity;
            logger?.LogWarning("The optimised model could not be written to {Folder} ({Problem}); the model loads without it.", partial, error.Message);
            TryDelete(partial);
            options.OptimizedModelFilePath = "";
            return new InferenceSession(modelPath, options);
        }
        options.LogSeverityLevel = severity;
        try
        {
            ModelCacheCheck.Of(Path.Combine(partial, GraphFile), Path.Combine(partial, WeightsFile), probe(session))
                .Write(Path.Combine(partial, CheckFile), FormatVersion);
            Directory.Move(partial, folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            // Another process's folder in place is that process winning the race: nothing to report. Anything else (a
            // full disk, a file in the way) is, once; this session came from the model and is sound either way.
            if (!Directory.Exists(folder))
                logger?.LogWarning("The optimised model could not be written to {Folder} ({Problem}); the model loads without it.", folder, error.Message);
            return session;
        }
        RemoveUnused(modelPath, folder);
        return session;
    }

    private static string PartialName(string folder) => $"{folder}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";

    // Partial folders a killed process left (or a removal that could not finish), and folders of any key that no load
    // has used for a day: another ONNX Runtime version or processor after an upgrade, a model file of an older package
    // build. Removed only when a new folder is written, which is when the old ones have just stopped being used, so a
    // load pays for no listing. A day, not at once: replicas on other processors may share this folder (a container
    // volume), and removing each other's on every start would rebuild on every start; one that has not started for a
    // day rebuilds once. A process that has the weights mapped keeps them: the removal unlinks the files, and where the
    // system refuses that (Windows), the folder stays, renamed as partial, for a later pass.
    // The real clock, not a TimeProvider: it is compared with the file system's stamp, which comes from the real clock.
    private static void RemoveUnused(string modelPath, string written)
    {
        var models = Path.GetDirectoryName(modelPath)!;
        foreach (var candidate in Directory.EnumerateDirectories(models, "*-optimised-*"))
        {
            var name = Path.GetFileName(candidate);
            var isPartial = PartialFolder().IsMatch(name);
            if (!isPartial && !KeyFolder().IsMatch(name) || candidate == written) continue;
            try
            {
                var unusedSince = Directory.GetLastWriteTimeUtc(candidate);
                if (unusedSince < DateTime.UtcNow - (isPartial ? AbandonedAfter : UnusedFor)) Discard(candidate);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException) { /* gone already */ }
        }
    }

    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);
    private static readonly TimeSpan UnusedFor = TimeSpan.FromDays(1);

    [GeneratedRegex("-optimised-[0-9a-f]{16}$")]
    private static partial Regex KeyFolder();

    [GeneratedRegex("-optimised-[0-9a-f]{16}\\.[0-9]+\\.[0-9a-f]{32}\\.partial$")]
    private static partial Regex PartialFolder();

    // A load stamps its folder's modification time: what RemoveUnused reads as "last used". The folder's, not a file's:
    // the files' stamps are what they were written with. A folder that cannot be stamped (a read-only volume) is left
    // as it is; nothing on such a volume is removed either.
    private static void MarkUsed(string folder)
    {
        try { Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow); }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException) { /* read-only: kept as it is */ }
    }

    // Renamed first, then deleted: the key's name is free at once for a new folder, and a deletion that stops part-way
    // (a file another process holds open on Windows) leaves a partial folder, never a key folder missing a file.
    private static void Discard(string folder)
    {
        var doomed = PartialFolder().IsMatch(Path.GetFileName(folder)) ? folder : PartialName(folder);
        try
        {
            if (doomed != folder) Directory.Move(folder, doomed);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return; // gone already, or another process renamed it first
        }
        TryDelete(doomed);
    }

    private static string ProcessorFeatures() => string.Join(',', new (string Name, bool Supported)[]
    {
        ("avx", System.Runtime.Intrinsics.X86.Avx.IsSupported), ("avx2", System.Runtime.Intrinsics.X86.Avx2.IsSupported),
        ("fma", System.Runtime.Intrinsics.X86.Fma.IsSupported), ("avx512f", System.Runtime.Intrinsics.X86.Avx512F.IsSupported),
        ("avx512bw", System.Runtime.Intrinsics.X86.Avx512BW.IsSupported), ("avxvnni", System.Runtime.Intrinsics.X86.AvxVnni.IsSupported),
        ("advsimd", System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported), ("dp", System.Runtime.Intrinsics.Arm.Dp.IsSupported),
    }.Where(f => f.Supported).Select(f => f.Name));

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException) { /* another process's, or gone already */ }
    }
}
