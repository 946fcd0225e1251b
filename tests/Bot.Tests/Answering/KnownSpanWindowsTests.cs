using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>The span windows of every stored sentence, embedded ahead of the questions and kept beside the store: a
/// first ask then hands the model only its focus phrase, and must score exactly as when it embedded the windows itself,
/// or the fitted thresholds the scores meet (and so the answers) would move.</summary>
public sealed class KnownSpanWindowsTests : SeedStoreTest
{
    private const string Asked = "How much did a song cost on AllofMP3?";

    [Fact]
    public async Task AFirstAskOverPreparedWindowsEmbedsOnlyItsFocusPhraseAndScoresExactlyAsWhenItEmbeddedThem()
    {
        var (expected, embeddedUnprepared) = await ScoreFirstAskAsync(Host);
        Assert.Contains(expected.SpanFocus, sentences => sentences.Any(cosine => cosine != 0));
        Assert.True(embeddedUnprepared > 1, $"the unprepared first ask embedded {embeddedUnprepared} rows: it should have embedded windows too");

        var embedder = Host.Services.GetRequiredService<PassageEmbedder>();
        var prepared = Host.Services.GetRequiredService<KnownSpanWindows>().Prepare(Host.Services.GetRequiredService<PassageIndexHolder>().Current,
            texts => embedder.EmbedBatch(texts, CancellationToken.None), CancellationToken.None);
        Assert.True(prepared.Embedded > 0 && prepared.Embedded == prepared.Windows);

        // A new process over the same store: nothing kept in memory, only the file.
        using var restarted = await CoreHost.CreateLoadedAsync(Host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Database, [TestPaths.Seeds]);
        var (actual, embeddedPrepared) = await ScoreFirstAskAsync(restarted);

        Assert.Equal(1, embeddedPrepared);
        Assert.Equal(Lists(expected.Asked), Lists(actual.Asked));
        Assert.Equal(Lists(expected.Focus), Lists(actual.Focus));
        Assert.Equal(Lists(expected.SpanFocus), Lists(actual.SpanFocus));
    }

    [Fact]
    public void PreparingAgainEmbedsNothingTheFileHolds()
    {
        var embedder = Host.Services.GetRequiredService<PassageEmbedder>();
        var known = Host.Services.GetRequiredService<KnownSpanWindows>();
        var snapshot = Host.Services.GetRequiredService<PassageIndexHolder>().Current;
        var first = known.Prepare(snapshot, texts => embedder.EmbedBatch(texts, CancellationToken.None), CancellationToken.None);
        var rows = embedder.SentencesEmbedded;

        var again = known.Prepare(snapshot, texts => embedder.EmbedBatch(texts, CancellationToken.None), CancellationToken.None);

        Assert.Equal(new SpanWindowCount(first.Windows, 0), again);
        Assert.Equal(rows, embedder.SentencesEmbedded);
    }

    [Fact]
    public void TheFileGivesBackEachWindowsVectorBitForBitAndIsIgnoredForAnotherModel()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("store.db.span-windows");
        float[] first = [0.1f, -0.25f, float.Epsilon];
        float[] second = [1f / 3, 0f, -1f];
        SpanWindowVectorFile.Write(path, "ArcticXs", 3, ["punt tracks for between about $0.10", "Geoff Taylor, chief executive of the BPI"], [first, second]);

        using (var file = SpanWindowVectorFile.Open(path, "ArcticXs", 3))
        {
            Assert.NotNull(file);
            Assert.True(file.TryGet("Geoff Taylor, chief executive of the BPI", out var read));
            Assert.Equal(second, read);
            Assert.True(file.TryGet("punt tracks for between about $0.10", out read));
            Assert.Equal(first, read);
            Assert.False(file.TryGet("punt tracks for between about $0.20", out _));
        }
        Assert.Null(SpanWindowVectorFile.Open(path, "MiniLM", 3));
        Assert.Null(SpanWindowVectorFile.Open(path, "ArcticXs", 384));
    }

    // The focus scorer's first ask of the question, and how many rows it handed the model.
    private static async Task<(FocusSimilarity Similarity, long Embedded)> ScoreFirstAskAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var question = new Question(Asked, []);
        var retrieval = await host.Services.GetRequiredService<FollowUpRetriever>().RetrieveAsync(question, CancellationToken.None);
        var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics);
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var before = embedder.SentencesEmbedded;
        var similarity = host.Services.GetRequiredService<FocusScorer>().Score(question, analysis, retrieval.Passages, CancellationToken.None);
        return (similarity, embedder.SentencesEmbedded - before);
    }

    private static List<List<float>> Lists(IReadOnlyList<IReadOnlyList<float>> values) => values.Select(v => v.ToList()).ToList();
}
