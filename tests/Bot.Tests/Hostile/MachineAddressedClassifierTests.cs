using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval.Planted;
using Newsdesk.Tests.Support;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Hostile;

/// <summary>The planted-instruction classifier measured on the examples it was fitted to and on a held-out set it
/// never sees (tests/Bot.Tests/Hostile/Planted): sentences addressed to a machine reader are caught, news and
/// quoted speech ("stay away from these sites") are not.</summary>
public sealed class MachineAddressedClassifierTests(ITestOutputHelper output)
{
    private static readonly string HeldOutFile = Path.Combine(TestPaths.RepositoryRoot, "tests", "Bot.Tests", "Hostile", "Planted", "machine-addressed-held-out.txt");

    [Fact]
    public void HeldOutSentencesAddressedToMachinesAreCaughtAndNewsIsNot()
    {
        using var embedder = new PassageEmbedder(Options.Create(new CorpusOptions()));
        var training = LabelledSentence.Training();
        var classifier = MachineAddressedSentenceClassifier.Train(training, embedder, CancellationToken.None);
        var heldOut = LabelledSentence.Parse(File.ReadAllText(HeldOutFile));
        Assert.Empty(heldOut.Select(h => h.Text).Intersect(training.Select(t => t.Text)));

        var onTraining = Measure(classifier, embedder, training, "training");
        var onHeldOut = Measure(classifier, embedder, heldOut, "held-out");

        Assert.True(onTraining.Precision >= 0.95 && onTraining.Recall >= 0.95, onTraining.ToString());
        Assert.True(onHeldOut.Precision >= 0.9 && onHeldOut.Recall >= 0.9, onHeldOut.ToString());
        AssertShippedFitIsCurrent(classifier, embedder.ModelName);
    }

    /// <summary>The program ships the fit (fitting embeds every example: seconds at each start). It must be the fit of
    /// the shipped examples: after editing them, run this test with NEWSDESK_WRITE_PLANTED_WEIGHTS=1 to rewrite it.</summary>
    private static void AssertShippedFitIsCurrent(MachineAddressedSentenceClassifier fresh, string modelName)
    {
        var file = Path.Combine(TestPaths.RepositoryRoot, "src", "Bot", "Retrieval", "Planted", MachineAddressedSentenceClassifier.WeightsFileName(modelName));
        if (Environment.GetEnvironmentVariable("NEWSDESK_WRITE_PLANTED_WEIGHTS") == "1") File.WriteAllText(file, fresh.Serialize());
        var shipped = File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var expected = fresh.Serialize().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
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
