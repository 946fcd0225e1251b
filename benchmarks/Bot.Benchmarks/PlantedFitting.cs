using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Retrieval.Planted;

namespace Newsdesk.Benchmarks;

/// <summary><c>planted</c>: fits the machine-addressed sentence classifier for the configured embedding model, the way
/// the default model's shipped fit is made (and checked, by MachineAddressedClassifierTests): the labelled examples
/// shipped with the program beside the sentence vectors of the even-numbered passages of the evaluation corpus (seed +
/// BBC, <c>WORK/evaluation-seed-bbc.db</c>, brought up to date first). It measures the held-out examples and the odd
/// half's news sentences (every one flagged is a false positive), and writes
/// <c>src/Bot/Retrieval/Planted/machine-addressed-weights.MODEL.txt</c>, which the program then loads at start-up
/// instead of failing for want of a fit.</summary>
public static class PlantedFitting
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db"), [options.Seeds, options.Bbc], options.Settings);
        // The store alone: the index would need the very classifier this fits.
        await host.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var (fitted, measured) = (new List<float[]>(), new List<(float[] Vector, string Text)>());
        foreach (var (passage, spans, vectors) in await host.Services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(CancellationToken.None))
        {
            if (spans.Length == 0) continue;
            var dimensions = vectors.Length / spans.Length;
            for (var s = 0; s < spans.Length; s++)
            {
                var vector = vectors[(s * dimensions)..((s + 1) * dimensions)];
                if (passage.Id % 2 == 0) fitted.Add(vector);
                else measured.Add((vector, passage.Text.Substring(spans[s].Start, spans[s].Length)));
            }
        }
        var classifier = MachineAddressedSentenceClassifier.Train(LabelledSentence.Training(), embedder, CancellationToken.None, fitted);

        Console.WriteLine($"model {embedder.ModelName}: fitted on {LabelledSentence.Training().Count} labelled examples and {fitted.Count} news sentences");
        Measure(classifier, embedder, LabelledSentence.Training(), "training");
        var heldOut = Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Hostile", "Planted", "machine-addressed-held-out.txt"));
        Measure(classifier, embedder, LabelledSentence.Parse(await File.ReadAllTextAsync(heldOut)), "held-out");
        var flagged = measured.Where(m => classifier.IsMachineAddressed(m.Vector)).ToList();
        Console.WriteLine(FormattableString.Invariant($"evaluation corpus, unseen half: {flagged.Count} of {measured.Count} sentences flagged ({100.0 * flagged.Count / measured.Count:0.00}%)"));
        foreach (var (_, text) in flagged) Console.WriteLine("  " + text);

        var path = Path.GetFullPath(Path.Combine("src", "Bot", "Retrieval", "Planted", MachineAddressedSentenceClassifier.WeightsFileName(embedder.ModelName)));
        await File.WriteAllTextAsync(path, classifier.Serialize());
        Console.WriteLine($"Wrote {path}.");
        return 0;
    }

    private static void Measure(MachineAddressedSentenceClassifier classifier, PassageEmbedder embedder, IReadOnlyList<LabelledSentence> set, string name)
    {
        var vectors = embedder.EmbedPassages([.. set.Select(s => s.Text)], CancellationToken.None);
        var flagged = set.Select((s, i) => (s.IsMachineAddressed, Flagged: classifier.IsMachineAddressed(vectors[i]))).ToList();
        var (truePositives, falsePositives) = (flagged.Count(f => f.Flagged && f.IsMachineAddressed), flagged.Count(f => f.Flagged && !f.IsMachineAddressed));
        var planted = set.Count(s => s.IsMachineAddressed);
        Console.WriteLine(FormattableString.Invariant(
            $"{name}: {planted} planted, {set.Count - planted} news; precision {truePositives / (double)Math.Max(1, truePositives + falsePositives):0.000}, recall {truePositives / (double)Math.Max(1, planted):0.000}"));
    }
}
