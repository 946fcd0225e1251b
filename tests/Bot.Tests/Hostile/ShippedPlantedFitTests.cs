using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Retrieval.Planted;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hostile;

/// <summary>Start-up loads the planted-sentence classifier shipped for the configured embedding model and never fits
/// one: every packaged model has a shipped fit, and a model without one stops the program with the command that fits
/// it.</summary>
public sealed class ShippedPlantedFitTests
{
    private static readonly string PlantedFolder = Path.Combine(TestPaths.RepositoryRoot, "src", "Bot", "Retrieval", "Planted");

    [Theory]
    [InlineData("ArcticXs")]
    [InlineData("MiniLM")]
    public void AHostForEachPackagedModelLoadsTheShippedFit(string model)
    {
        using var folder = new TemporaryFolder();
        using var host = CoreHost.Create(folder.File("news.db"), [], new Dictionary<string, string?> { ["Corpus:EmbeddingModel"] = model });

        var loaded = host.Services.GetRequiredService<MachineAddressedSentenceClassifier>();

        // Number for number the file in the repository: a fit made at start-up would differ from it.
        Assert.Equal(Numbers(File.ReadAllText(Path.Combine(PlantedFolder, MachineAddressedSentenceClassifier.WeightsFileName(model)))), Numbers(loaded.Serialize()));
        Assert.Equal(384, loaded.Dimensions);
    }

    [Fact]
    public void AModelWithoutAShippedFitIsRefusedInsteadOfFitted()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => MachineAddressedSentenceClassifier.ForModel("NoSuchModel"));

        Assert.Contains("-- planted --Corpus:EmbeddingModel NoSuchModel", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The MiniLM fit (made by the benchmark runner's <c>planted</c> verb) on the held-out examples it never
    /// saw, embedded by MiniLM. Measured on 2026-11-30: see docs/reliability.md; the floors sit just under.</summary>
    [Fact]
    public void TheShippedMiniLMFitCatchesHeldOutPlantsAndSparesHeldOutNews()
    {
        using var embedder = SharedEmbeddingModel.Embedder("MiniLM");
        var classifier = MachineAddressedSentenceClassifier.ForModel(embedder);
        var heldOut = LabelledSentence.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "Bot.Tests", "Hostile", "Planted", "machine-addressed-held-out.txt")));
        var vectors = embedder.EmbedPassages([.. heldOut.Select(h => h.Text)], CancellationToken.None);

        var flagged = heldOut.Where((h, i) => classifier.IsMachineAddressed(vectors[i])).ToList();
        var precision = (double)flagged.Count(h => h.IsMachineAddressed) / Math.Max(1, flagged.Count);
        var recall = (double)flagged.Count(h => h.IsMachineAddressed) / heldOut.Count(h => h.IsMachineAddressed);

        Assert.True(precision >= MiniLMPrecisionFloor && recall >= MiniLMRecallFloor, $"precision {precision:0.000}, recall {recall:0.000}");
    }

    // Measured on 2026-11-30: precision 0.926 (25 of 27 flagged), recall 0.833 (25 of 30 plants).
    private const double MiniLMPrecisionFloor = 0.92, MiniLMRecallFloor = 0.83;

    private static double[] Numbers(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, CultureInfo.InvariantCulture))];
}
