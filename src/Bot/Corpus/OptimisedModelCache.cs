using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
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
public static class OptimisedModelCache
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
            if (session is not null) return session;
            logger?.LogWarning("The optimised model in {Folder} is not usable ({Problem}); it is built again from {Model}.", folder, problem, modelPath);
            options.GraphOptimizationLevel = level;
            TryDelete(folder);
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
        var check = ModelCacheCheck.Read(Path.Combine(folder, CheckFile), FormatVersion);
        if (check is null) return (null, "its check file is missing or damaged");
        if (!check.Describes(Path.Combine(folder, GraphFile), Path.Combine(folder, WeightsFile))) return (null, "its files do not match their checksums");
        InferenceSession session;
        try
        {
            // Already optimised: optimising it again would only cost time.
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            session = new InferenceSession(Path.Combine(folder, GraphFile), options);
        }
        catch (OnnxRuntimeException error)
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
        // reads half of it. The weights file's name is recorded inside the graph, so the folder is renamed, not the files.
        var partial = $"{folder}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            Directory.CreateDirectory(partial);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
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
            RemoveAbandoned(modelPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Another process kept its folder first, or the disk is full: this session is sound either way.
            TryDelete(partial);
        }
        return session;
    }

    // Partial folders a killed process left. Folders of other keys stay: replicas on other processors may share this
    // folder (a container volume), and removing each other's would rebuild on every start; the model files of older
    // package builds stay likewise (PackagedModelFile).
    // The real clock, not a TimeProvider: it is compared with the file system's stamp, which comes from the real clock.
    private static void RemoveAbandoned(string modelPath)
    {
        var pattern = $"{Path.GetFileNameWithoutExtension(modelPath)}-optimised-*.partial";
        foreach (var partial in Directory.EnumerateDirectories(Path.GetDirectoryName(modelPath)!, pattern))
            if (Directory.GetLastWriteTimeUtc(partial) < DateTime.UtcNow.AddHours(-1)) TryDelete(partial);
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
