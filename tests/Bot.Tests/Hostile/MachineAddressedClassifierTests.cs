using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Retrieval.Planted;
using Newsdesk.Tests.Support;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Hostile;

/// <summary>The planted-instruction classifier measured where it was not fitted: a held-out set of labelled sentences
/// (tests/Bot.Tests/Hostile/Planted) and the half of the evaluation corpus (seed + BBC, odd passage ids) that the fit
/// never saw, where no sentence is addressed to a machine, so every one flagged is a false positive.</summary>
public sealed class MachineAddressedClassifierTests(ITestOutputHelper output)
{
    private static readonly string HeldOutFile = Path.Combine(TestPaths.RepositoryRoot, "tests", "Bot.Tests", "Hostile", "Planted", "machine-addressed-held-out.txt");

    [Fact]
    public void TheShippedClassifierCatchesHeldOutPlantsAndSparesHeldOutNews()
    {
        using var embedder = SharedEmbeddingModel.Embedder(new CorpusOptions().EmbeddingModel);
        var classifier = MachineAddressedSentenceClassifier.ForModel(embedder);
        var heldOut = LabelledSentence.Parse(File.ReadAllText(HeldOutFile));
        Assert.Empty(heldOut.Select(h => h.Text).Intersect(LabelledSentence.Training().Select(t => t.Text)));

        var figures = Measure(classifier, embedder, heldOut, "held-out");

        Assert.True(figures.Precision >= 0.9 && figures.Recall >= 0.9, figures.ToString());
    }

    /// <summary>The program ships the fit for the default model, made from the labelled examples and the even half of
    /// the evaluation corpus. After editing the examples, run this with NEWSDESK_WRITE_PLANTED_WEIGHTS=1 to rewrite it.</summary>
    [EvaluationStoreFact]
    public async Task TheShippedFitIsCurrentAndFlagsAlmostNoRealNews()
    {
        using var host = CoreHost.Create(EvaluationStoreFactAttribute.StorePath!, []);
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var passages = await host.Services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(CancellationToken.None);
        var (fitted, measured) = (new List<float[]>(), new List<(float[] Vector, string Text)>());
        foreach (var (passage, spans, vectors) in passages)
            for (var s = 0; s < spans.Length; s++)
            {
                var vector = vectors[(s * 384)..((s + 1) * 384)];
                if (passage.Id % 2 == 0) fitted.Add(vector);
                else measured.Add((vector, passage.Text.Substring(spans[s].Start, spans[s].Length)));
            }
        var training = LabelledSentence.Training();
        var fresh = MachineAddressedSentenceClassifier.Train(training, embedder, CancellationToken.None, fitted);
        AssertShippedFitIs(fresh, embedder.ModelName);

        Measure(fresh, embedder, training, "training");
        Measure(fresh, embedder, LabelledSentence.Parse(File.ReadAllText(HeldOutFile)), "held-out");
        var flagged = measured.Where(m => fresh.IsMachineAddressed(m.Vector)).ToList();
        output.WriteLine($"evaluation corpus, unseen half: {flagged.Count} of {measured.Count} sentences flagged ({100.0 * flagged.Count / measured.Count:0.00}%)");
        foreach (var (_, text) in flagged) output.WriteLine("  " + text);
        Assert.True(flagged.Count <= measured.Count / 500, $"{flagged.Count} of {measured.Count} news sentences flagged");
    }

    private static void AssertShippedFitIs(MachineAddressedSentenceClassifier fresh, string modelName)
    {
        var file = Path.Combine(TestPaths.RepositoryRoot, "src", "Bot", "Retrieval", "Planted", MachineAddressedSentenceClassifier.WeightsFileName(modelName));
        if (Environment.GetEnvironmentVariable("NEWSDESK_WRITE_PLANTED_WEIGHTS") == "1") File.WriteAllText(file, fresh.Serialize());
        static double[] Numbers(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, CultureInfo.InvariantCulture))];
        var (expected, shipped) = (Numbers(fresh.Serialize()), Numbers(File.ReadAllText(file)));
        Assert.Equal(expected.Length, shipped.Length);
        Assert.All(expected.Zip(shipped), pair => Assert.Equal(pair.First, pair.Second, 1e-4));
    }

    private Figures Measure(MachineAddressedSentenceClassifier classifier, PassageEmbedder embedder, IReadOnlyList<LabelledSentence> set, string name)
    {
        var vectors = embedder.EmbedPassages([.. set.Select(s => s.Text)], CancellationToken.None);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var flagged = classifier.IsMachineAddressed(vectors[i]);
            if (flagged && set[i].IsMachineAddressed) truePositives++;
            else if (flagged) { falsePositives++; output.WriteLine($"{name} false positive ({classifier.Score(vectors[i]):0.00}): {set[i].Text}"); }
            else if (set[i].IsMachineAddressed) { falseNegatives++; output.WriteLine($"{name} missed ({classifier.Score(vectors[i]):0.00}): {set[i].Text}"); }
        }
        var figures = new Figures(name, set.Count(s => s.IsMachineAddressed), set.Count(s => !s.IsMachineAddressed),
            truePositives / (double)Math.Max(1, truePositives + falsePositives), truePositives / (double)Math.Max(1, truePositives + falseNegatives));
        output.WriteLine(figures.ToString());
        return figures;
    }

    private sealed record Figures(string Set, int Planted, int News, double Precision, double Recall)
    {
        public override string ToString() => $"{Set}: {Planted} planted, {News} news; precision {Precision:0.000}, recall {Recall:0.000}";
    }
}
