using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The optimised graph kept beside the model file: a session read from it gives the plain session's vectors
/// bit for bit, and a damaged or stale folder is replaced with a warning, never run.</summary>
public sealed class OptimisedModelCacheTests(PlainArcticVectors plain, KeptModelFolder written)
    : IClassFixture<PlainArcticVectors>, IClassFixture<KeptModelFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly CapturingLoggerProvider logs = new();

    [Fact]
    public void ASecondLoadReadsTheKeptGraphAndGivesThePlainSessionsVectorsBitForBit()
    {
        var sentences = plain.Sentences;
        var expected = plain.Expected;

        using (var first = Load()) Assert.Equal(expected, InBatches(first, sentences));
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
        var sentences = plain.Sentences;
        var expected = plain.Expected;
        StartFromAWrittenFolder();
        var path = Path.Combine(KeptFolder(), file);
        Damage(path, damage);

        using (var reloaded = Load()) Assert.Equal(expected, InBatches(reloaded, sentences));
        Assert.Single(Warnings());
        // The folder was written again, and the load after that reads it without a word.
        using (var third = Load()) Assert.Equal(expected, InBatches(third, sentences));
        Assert.Single(Warnings());
    }

    [Fact]
    public void AbandonedPartialFoldersAndKeysUnusedForADayAreRemovedWhenAFolderIsWrittenAndRecentOnesKept()
    {
        StartFromAWrittenFolder();
        var kept = KeptFolder();
        var stem = kept[..kept.LastIndexOf('-')];
        // What a process killed while writing left an hour ago, one writing now; a key of this model last used two days
        // ago (the ONNX Runtime before an upgrade), one used an hour ago (a replica on another processor sharing this
        // folder), a key of a model file no longer there, unused for two days; a folder the cache did not make; and
        // the current folder gone, so it is written again.
        var abandoned = Made(kept + ".1.0123456789abcdef0123456789abcdef.partial", TimeSpan.FromHours(2));
        var writing = Made(kept + ".2.0123456789abcdef0123456789abcdef.partial", TimeSpan.Zero);
        var oldRuntime = Made(stem + "-0123456789abcdef", TimeSpan.FromDays(2), withWeights: true);
        var otherProcessor = Made(stem + "-fedcba9876543210", TimeSpan.FromHours(1), withWeights: true);
        var removedModel = Made(folder.File("models/SentenceTransformers.Gone-optimised-00112233445566ff"), TimeSpan.FromDays(2), withWeights: true);
        var notOurs = Made(folder.File("models/photos-optimised"), TimeSpan.FromDays(30));
        Directory.Delete(kept, recursive: true);

        using (Load()) { }

        Assert.True(Directory.Exists(kept));
        Assert.False(Directory.Exists(abandoned));
        Assert.False(Directory.Exists(oldRuntime));
        Assert.False(Directory.Exists(removedModel));
        Assert.True(Directory.Exists(writing));
        Assert.True(Directory.Exists(otherProcessor));
        Assert.True(Directory.Exists(notOurs));
        Assert.Equal(4, Directory.GetDirectories(folder.File("models")).Length);
    }

    [Fact]
    public void ALoadMarksItsFolderUsedSoThatItOutlivesTheDay()
    {
        StartFromAWrittenFolder();
        var kept = KeptFolder();
        Directory.SetLastWriteTimeUtc(kept, DateTime.UtcNow.AddDays(-2));

        using (Load()) { }

        Assert.True(Directory.GetLastWriteTimeUtc(kept) > DateTime.UtcNow.AddHours(-1));
        Assert.Empty(Warnings());
    }

    [Fact]
    public void AFileRemovedFromUnderAKeyWhileAnotherProcessHasItsWeightsMappedLeavesThatSessionSound()
    {
        // What the removal of an unused key does to a process still running on it: the files are unlinked, the mapped
        // weights stay readable. (On Windows the unlink is refused and the folder stays as partial.)
        StartFromAWrittenFolder();
        var sentences = plain.Sentences;
        var expected = plain.Expected;
        using var running = Load();
        var kept = KeptFolder();
        var stem = kept[..kept.LastIndexOf('-')];
        Directory.Move(kept, stem + "-0123456789abcdef");
        Directory.SetLastWriteTimeUtc(stem + "-0123456789abcdef", DateTime.UtcNow.AddDays(-2));

        using (Load()) { }

        Assert.False(Directory.Exists(stem + "-0123456789abcdef"));
        Assert.Equal(expected, InBatches(running, sentences));
    }

    [Fact]
    public async Task SeveralProcessesLoadingAtOnceEachGetASoundSessionAndOneFolderIsKept()
    {
        // Threads stand in for processes: each writes a partial folder of its own and renames it; the first rename
        // wins, the others keep the session they built. Nothing thrown, nothing reported, nothing half-written left.
        var sentences = plain.Sentences;
        var expected = plain.Expected;
        using var start = new Barrier(3);
        var loads = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            using var encoder = Load();
            return InBatches(encoder, sentences);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        Assert.All(await Task.WhenAll(loads), vectors => Assert.Equal(expected, vectors));
        Assert.Single(Directory.GetDirectories(folder.File("models")));
        Assert.Empty(Warnings());
        using var later = Load();
        Assert.Equal(expected, InBatches(later, sentences));
        Assert.Empty(Warnings());
    }

    [Fact]
    public void WhereTheFolderCannotBeWrittenTheModelLoadsWithoutOneAndSaysSoOnce()
    {
        // The kept folder's name taken by a file: the folder cannot be renamed into place.
        StartFromAWrittenFolder();
        var kept = KeptFolder();
        Directory.Delete(kept, recursive: true);
        File.WriteAllText(kept, "");

        using var encoder = Load();
        Assert.Equal(plain.Of(["Yes."]), Bytes(encoder.Encode(["Yes."])));
        Assert.Empty(Directory.GetDirectories(folder.File("models")));
        Assert.Contains("could not be written", Assert.Single(Warnings()));
    }

    [Fact]
    public void WhereNoFolderCanBeMadeBesideTheModelItLoadsWithoutOneAndSaysSoOnce()
    {
        // A folder that cannot be made, as a read-only disk would refuse it (this test may run as root, which a
        // read-only permission does not stop): a model file whose name leaves no room for the partial folder's suffix
        // under the file system's 255-byte name limit; the kept folder's own name would still fit.
        StartFromAWrittenFolder();
        var model = Assert.Single(Directory.GetFiles(folder.File("models"), "*.onnx"));
        var longNamed = Path.Combine(Directory.CreateDirectory(folder.File("long")).FullName, new string('m', 215) + ".onnx");
        File.Copy(model, longNamed);
        using var options = Options();

        using var session = OptimisedModelCache.Open(longNamed, options, Probe, logs.CreateLogger("test"));

        Assert.Equal(plain.Of(["Yes."]), Bytes(ArcticXsEncoder.Over(session).Encode(["Yes."])));
        Assert.Empty(Directory.GetDirectories(folder.File("long")));
        Assert.Contains("could not be written", Assert.Single(Warnings()));
    }

    private static float[] Probe(InferenceSession session) => ArcticXsEncoder.Over(session).Encode(["Who shut down AllofMP3?"])[0];

    private static string Made(string path, TimeSpan age, bool withWeights = false)
    {
        Directory.CreateDirectory(path);
        if (withWeights) File.WriteAllBytes(Path.Combine(path, "model.weights"), new byte[4096]);
        Directory.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    // The model folder as a first load leaves it (the model file and the kept optimised graph), copied from the one the
    // class wrote, for the cases that start from it rather than test the writing.
    private void StartFromAWrittenFolder() => written.CopyTo(folder.File("models"));

    private ArcticXsEncoder Load() => ArcticXsEncoder.Load(Options(), folder.File("models"), logs.CreateLogger("test"));

    private string KeptFolder() => Assert.Single(Directory.GetDirectories(folder.File("models")));

    private string[] Warnings() => [.. logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message)];

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

    private static byte[] InBatches(ArcticXsEncoder encoder, string[] sentences) => PlainArcticVectors.InBatches(encoder, sentences);

    private static byte[] Bytes(IEnumerable<float[]> vectors) => PlainArcticVectors.Bytes(vectors);

    public void Dispose()
    {
        logs.Dispose();
        folder.Dispose();
    }
}
