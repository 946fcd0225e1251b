using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Evaluation;

/// <summary>Answers the whole evaluation set once per corpus (seed alone; seed plus the BBC set) and keeps the
/// outcomes for the tests. The BBC store takes minutes to embed: it is built in the background from the start of the
/// run (<see cref="EvaluationStores"/>); set NEWSDESK_EVAL_STORE to a folder to keep it between runs (a re-run embeds
/// only what changed).</summary>
public sealed class EvaluationFixture : IAsyncLifetime
{
    private readonly Dictionary<bool, Task<IReadOnlyList<EvaluationOutcome>>> runs = [];
    private readonly Lock gate = new();

    public IReadOnlyList<EvaluationQuestion> Questions { get; } =
        EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "questions.jsonl"));

    public Task<IReadOnlyList<EvaluationOutcome>> OutcomesAsync(bool withBbc)
    {
        lock (gate)
        {
            if (!runs.TryGetValue(withBbc, out var run)) runs[withBbc] = run = RunAsync(withBbc);
            return run;
        }
    }

    /// <summary>The seed + BBC store, built (or brought up to date) once per run and shared by every class in the
    /// collection, so no other evaluation embeds the BBC set again.</summary>
    public async Task<string> SeedAndBbcStoreAsync()
    {
        await OutcomesAsync(withBbc: true);
        return Database(withBbc: true);
    }

    private static string Database(bool withBbc) => withBbc ? EvaluationStores.SeedAndBbc.Database : Path.Combine(EvaluationStores.Folder, "evaluation-seed.db");

    private async Task<IReadOnlyList<EvaluationOutcome>> RunAsync(bool withBbc)
    {
        var folder = EvaluationStores.Folder;
        Directory.CreateDirectory(folder);
        var database = Database(withBbc);
        // Over a built store the host embeds nothing: it checks the files are unchanged and reads the index snapshot.
        if (withBbc) await EvaluationStores.SeedAndBbc.BuiltAsync();
        using var host = await CoreHost.CreateLoadedAsync(database, withBbc ? EvaluationStores.SeedAndBbc.CorpusFolders : [TestPaths.Seeds]);
        var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
        var outcomes = new List<EvaluationOutcome>();
        // A thread's turns go in order, each with the questions before it, as the Slack adapter passes them.
        foreach (var question in Questions.OrderBy(q => q.Thread is null ? 0 : 1).ThenBy(q => q.Thread).ThenBy(q => q.Turn))
        {
            var asked = new Question(question.Question, EvaluationSet.EarlierTurns(Questions, question));
            var answer = await answerer.AnswerAsync(asked, CancellationToken.None);
            outcomes.Add(EvaluationSet.Score(question, answer, withBbc));
        }
        // The per-class table and every outcome, beside the store, for the record of a run.
        var name = withBbc ? "seed+bbc" : "seed";
        await File.WriteAllTextAsync(Path.Combine(folder, $"evaluation-{name}.txt"),
            EvaluationTable.Format(name, outcomes, withBbc) + "\n" + EvaluationTable.Details(outcomes) + "\n");
        return outcomes;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        EvaluationStores.Release();
        return Task.CompletedTask;
    }
}

// Embedding the BBC set takes both cores for minutes; run it alone so timing-sensitive end-to-end tests elsewhere
// (acknowledgement deadlines) never compete with it.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EvaluationCollection : ICollectionFixture<EvaluationFixture>
{
    public const string Name = "Evaluation";
}
