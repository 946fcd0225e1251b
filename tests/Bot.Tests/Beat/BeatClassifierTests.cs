using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Beat;

/// <summary>The beat classifier against the hand labels' test part, which the fitting never saw. The ArcticXs fit is
/// judged on the evaluation collection's one seed + BBC store (built once per run, or kept with NEWSDESK_EVAL_STORE), so
/// it embeds nothing of its own; the MiniLM fit embeds the test part's stories with MiniLM.</summary>
[Collection(EvaluationCollection.Name)]
public sealed class BeatClassifierTests(EvaluationFixture fixture)
{
    // Measured on 2026-11-30 (benchmarks: beat; design and thresholds chosen on folds of train+tune, labels per
    // docs/beat-labels.md), test part 410 stories, 57 music. ArcticXs: precision 85.7% (54/63), recall 94.7% (54/57),
    // digest-chosen precision 90.9% (50/55). MiniLM: 94.7% (54/57), 94.7% (54/57), 94.4% (51/54). The floors sit just
    // under, so a worse fit or a change to the vectors fails.
    private const double PrecisionFloor = 0.85;
    private const double RecallFloor = 0.94;
    private const double ChosenPrecisionFloor = 0.90;
    private const double MiniLMPrecisionFloor = 0.94, MiniLMRecallFloor = 0.94, MiniLMChosenPrecisionFloor = 0.94;

    private static readonly string[] Sections = ["entertainment/", "tech/", "business/"];

    private static readonly IReadOnlyList<BeatLabel> Labels = BeatLabel.Load(Path.Combine(AppContext.BaseDirectory, "Beat", "beat-labels.tsv"));

    [Fact]
    public void LabelsCoverTheThreeSectionsAndKeepCopiesOnOneSideOfTheSplit()
    {
        Assert.True(Labels.Count >= 400, $"{Labels.Count} labels");
        Assert.All(Sections, section => Assert.Contains(Labels, l => l.Source.StartsWith(section, StringComparison.Ordinal)));
        Assert.Equal(Labels.Count, Labels.Select(l => l.Source).Distinct().Count());
        Assert.All(Labels.GroupBy(l => l.Title.Trim().ToLowerInvariant()), copies => Assert.Single(copies.Select(c => c.Part).Distinct()));
        Assert.True(Labels.Count(l => l.Part == BeatLabel.Test && l.IsMusic) >= 40);
    }

    [Theory]
    [InlineData("ArcticXs")]
    [InlineData("MiniLM")]
    public void PackagedWeightsFitEveryPackagedModel(string model)
    {
        var classifier = new BeatClassifier(BeatWeightsFile.LoadPackaged(), model);
        Assert.Equal(384, classifier.Direction.Length);
        Assert.False(classifier.IsHeadline(classifier.Threshold - 0.001, double.PositiveInfinity), "a story off the beat never leads");
        Assert.True(classifier.IsHeadline(classifier.Threshold, classifier.HeadlineThreshold));
        Assert.Throws<InvalidOperationException>(() => new BeatClassifier(new BeatWeightsFile([]), "ArcticXs"));
    }

    [Fact]
    public void TheLeadScoreWeighsTheHeadlineCheckByItsFittedShare()
    {
        var check = new float[384];
        check[0] = 2;
        var headline = new float[384];
        headline[0] = 1;
        var classifier = new BeatClassifier(new BeatWeightsFile([new BeatWeights("ArcticXs", new float[384], 0, 0, 0, [],
            HeadlineCheckWeights: check, HeadlineCheckBias: 1, HeadlineCheckShare: 0.25)]), "ArcticXs");

        // The check's margin is 2 × 1 + 1 = 3; a quarter of it beside three quarters of the story's margin of 1.
        Assert.Equal(0.75 * 1 + 0.25 * 3, classifier.LeadScore(1, headline), 9);
        Assert.Equal(0.5, BeatWeightsFile.Parse("""{"models":[{"embeddingModel":"MiniLM","weights":[],"bias":0,"threshold":0,"headlineThreshold":0,"measured":[]}]}""")
            .Models[0].HeadlineCheckShare);
    }

    [SharedFact]
    public async Task HeldOutStoriesAreJudgedAboveTheMeasuredFloors()
    {
        var score = await ScoreAsync(await fixture.SeedAndBbcStoreAsync(), [TestPaths.Seeds, TestPaths.BbcCorpus], null);

        Assert.True(score.Precision >= PrecisionFloor && score.Recall >= RecallFloor && score.ChosenPrecision >= ChosenPrecisionFloor, score.ToString());
    }

    /// <summary>The MiniLM fit, over the test part's stories embedded by MiniLM (the kept store holds ArcticXs vectors).</summary>
    [SharedFact]
    public async Task HeldOutStoriesAreJudgedAboveTheMeasuredFloorsWithMiniLM()
    {
        using var temporary = new TemporaryFolder();
        var score = await ScoreAsync(temporary.File("beat.db"), [CopyTestPart(temporary)], new Dictionary<string, string?> { ["Corpus:EmbeddingModel"] = "MiniLM" });

        Assert.True(score.Precision >= MiniLMPrecisionFloor && score.Recall >= MiniLMRecallFloor && score.ChosenPrecision >= MiniLMChosenPrecisionFloor, score.ToString());
    }

    private static string CopyTestPart(TemporaryFolder temporary)
    {
        foreach (var label in Labels.Where(l => l.Part == BeatLabel.Test))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temporary.File("bbc/" + label.Source))!);
            File.Copy(Path.Combine(TestPaths.BbcCorpus, label.Source), temporary.File("bbc/" + label.Source));
        }
        return temporary.File("bbc");
    }

    private static async Task<BeatScore> ScoreAsync(string database, string[] corpus, IDictionary<string, string?>? settings)
    {
        var test = Labels.Where(l => l.Part == BeatLabel.Test).ToList();
        using var host = await CoreHost.CreateLoadedAsync(database, corpus, settings);
        var classifier = host.Services.GetRequiredService<BeatClassifier>();
        var judge = host.Services.GetRequiredService<BeatJudge>();
        var snapshot = host.Services.GetRequiredService<PassageIndexHolder>().Current;
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var firstPassages = snapshot.Passages.Where(p => p.Ordinal == 0).ToDictionary(p => p.Source, StringComparer.Ordinal);

        return BeatScore.Of(test.Select(l =>
        {
            var margin = judge.Margin(snapshot, l.Source);
            // A passage the planted-sentence screen set aside is not in the index: such a story leads on its margin.
            if (!firstPassages.TryGetValue(l.Source, out var first)) return (l.Source, l.IsMusic, margin, margin);
            var headline = embedder.EmbedQuery(BeatClassifier.HeadlineText(first.Title, first.Text), default);
            return (l.Source, l.IsMusic, margin, classifier.LeadScore(margin, headline));
        }).ToList(), classifier.Threshold, classifier.HeadlineThreshold);
    }
}
