using Newsdesk.Tests.Beat;
using Newsdesk.Tests.Support;
using Xunit.Sdk;

namespace Newsdesk.Tests.Evaluation;

/// <summary>The stores over the BBC set that the evaluation collection reads, one of each per test run, in one folder:
/// NEWSDESK_EVAL_STORE when it is set (kept between runs, so a build embeds only what changed), else a temporary folder
/// removed when the collection ends. Both take minutes to embed, so they are built in the background from the start of
/// the run (<see cref="StartFor"/>), not when the collection's turn comes after every parallel test.</summary>
public static class EvaluationStores
{
    private static readonly string? Kept = Environment.GetEnvironmentVariable("NEWSDESK_EVAL_STORE") is { Length: > 0 } kept ? kept : null;

    /// <summary>Where the stores and the evaluation's reports go; created only when something is built there.</summary>
    public static string Folder { get; } = Kept ?? Path.Combine(Path.GetTempPath(), "newsdesk-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The seed and the whole BBC set, embedded with the shipped model.</summary>
    public static BackgroundStore SeedAndBbc { get; } = new(Path.Combine(Folder, "evaluation-seed-bbc.db"), [TestPaths.Seeds, TestPaths.BbcCorpus], []);

    /// <summary>The beat labels' test part only, embedded with MiniLM (the evaluation store holds ArcticXs vectors).</summary>
    public static BackgroundStore BeatTestPartWithMiniLM { get; } = new(Path.Combine(Folder, "beat-test-MiniLM.db"),
        [Path.Combine(Folder, "beat-test-part", "bbc")], ["--Corpus:EmbeddingModel=MiniLM"], CopyBeatTestPart);

    /// <summary>Starts the builds that the tests about to run read (the collection's tests that need the shared
    /// material); a filtered run that needs neither starts neither.</summary>
    public static void StartFor(IReadOnlyCollection<IXunitTestCase> testCases)
    {
        if (!TestPaths.HasShared) return;
        var readers = testCases.Where(c => c.TestMethod.TestClass.TestCollection.DisplayName == EvaluationCollection.Name
            && c.TestMethod.Method.GetCustomAttributes(typeof(SharedFactAttribute).AssemblyQualifiedName!).Any()).ToList();
        const string miniLM = nameof(BeatClassifierTests.HeldOutStoriesAreJudgedAboveTheMeasuredFloorsWithMiniLM);
        if (readers.Any(c => c.TestMethod.Method.Name != miniLM)) SeedAndBbc.Start();
        if (readers.Any(c => c.TestMethod.Method.Name == miniLM)) BeatTestPartWithMiniLM.Start();
    }

    /// <summary>Stops a build still running and removes the temporary folder (a kept one stays).</summary>
    public static void Release()
    {
        SeedAndBbc.Dispose();
        BeatTestPartWithMiniLM.Dispose();
        if (Kept is not null || !Directory.Exists(Folder)) return;
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* SQLite's pool may still hold a file for a moment; the OS temp cleaner will get it. */ }
    }

    /// <summary>The classifier reads every sentence of a story, so nothing less than each whole test story can be
    /// embedded to check it; copied under a folder named bbc, so sources read as in the BBC set.</summary>
    private static void CopyBeatTestPart()
    {
        var labels = BeatLabel.Load(Path.Combine(AppContext.BaseDirectory, "Beat", "beat-labels.tsv"));
        foreach (var label in labels.Where(l => l.Part == BeatLabel.Test))
        {
            var copy = Path.Combine(Folder, "beat-test-part", "bbc", label.Source);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(Path.Combine(TestPaths.BbcCorpus, label.Source), copy, overwrite: true);
        }
    }
}
