using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Tests.Evaluation;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Storage;

/// <summary>A replica on PostgreSQL decides coverage as a process on SQLite does, over the same corpus: every tuning
/// question of the evaluation set is asked of both (a thread's turns in order, each with the turns before it), and
/// each answer's outcome (answered, partly covered, not covered) and cited passages must be the same. The test part
/// is never asked here: these stores are compared, not scored.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAnswerParityTests(PostgresServer server) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [PostgresFact]
    public async Task OverTheSeedPostgresDecidesEveryTuningQuestionAsSqliteDoes()
    {
        var tuning = EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "questions.jsonl")).Where(q => !q.IsTest).ToList();
        Assert.Contains(tuning, q => q.Corpus == "seed");
        using var sqlite = await CoreHost.CreateLoadedAsync(folder.File("seed.db"), [TestPaths.Seeds]);
        using var postgres = await CoreHost.CreateLoadedAsync(folder.File("unused.db"), [TestPaths.Seeds], new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = await server.DatabaseAsync(GetType()),
        });

        var differences = await DifferencesAsync(sqlite, postgres, tuning);

        Assert.True(differences.Count == 0, $"{differences.Count} of {tuning.Count} tuning questions decided differently:\n{string.Join("\n", differences)}");
    }

    private static async Task<List<string>> DifferencesAsync(IHost sqlite, IHost postgres, IReadOnlyList<EvaluationQuestion> questions)
    {
        var onSqlite = sqlite.Services.GetRequiredService<IQuestionAnswerer>();
        var onPostgres = postgres.Services.GetRequiredService<IQuestionAnswerer>();
        var differences = new List<string>();
        foreach (var question in questions.OrderBy(q => q.Thread is null ? 0 : 1).ThenBy(q => q.Thread).ThenBy(q => q.Turn))
        {
            var asked = new Question(question.Question, EvaluationSet.EarlierTurns(questions, question));
            var expected = await onSqlite.AnswerAsync(asked, CancellationToken.None);
            var actual = await onPostgres.AnswerAsync(asked, CancellationToken.None);
            if (Decision(expected) != Decision(actual))
                differences.Add($"  {question.Id}: SQLite {Decision(expected)}\n  {new string(' ', question.Id.Length)}  PostgreSQL {Decision(actual)}");
        }
        return differences;
    }

    /// <summary>The outcome and the passages cited, by source and quote (row ids differ between the stores).</summary>
    private static string Decision(Answer answer) =>
        $"{answer.Coverage} [{string.Join(" | ", answer.Citations.Select(c => $"{c.Source}: {Abbreviated(c.Quote)}"))}]";

    private static string Abbreviated(string quote) => quote.Length <= 60 ? quote : quote[..60] + "…";

    public void Dispose() => folder.Dispose();
}
