using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Hostile;
using Newsdesk.Tests.Evaluation;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Storage;

/// <summary>A replica on PostgreSQL decides coverage as a process on SQLite does, over the same corpus: every tuning
/// question of the evaluation set is asked of both (a thread's turns in order, each with the turns before it), and
/// each answer's outcome (answered, partly covered, not covered) and cited passages must be the same. The test part
/// is never asked here: these stores are compared, not scored. Over the seed (embedded in seconds) always; over the
/// BBC music subset where the kept evaluation store can lend its vectors.</summary>
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

    /// <summary>The seed and the BBC music subset's 354 stories (shared/corpus/bbc-music-subset.json), their rows copied
    /// from the kept evaluation store into both stores first, so neither embeds anything: the synchroniser finds every
    /// file's content hash already stored.</summary>
    [PostgresEvaluationStoreFact]
    public async Task OverTheBbcMusicSubsetPostgresDecidesEveryTuningQuestionAsSqliteDoes()
    {
        var tuning = EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "questions.jsonl")).Where(q => !q.IsTest).ToList();
        using var subset = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Shared, "corpus", "bbc-music-subset.json")));
        var corpus = Directory.CreateDirectory(folder.File("bbc")).FullName;
        var sources = new HashSet<string>(StringComparer.Ordinal) { "allofmp3-shutdown-2007.txt" };
        foreach (var file in subset.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("file").GetString()!))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(corpus, file))!);
            File.Copy(Path.Combine(TestPaths.BbcCorpus, file), Path.Combine(corpus, file));
            sources.Add(file);
        }
        var documents = await KeptStoreRows.ReadAsync(EvaluationStoreFactAttribute.StorePath!, sources.Contains);
        Assert.Equal(sources.Count, documents.Count);
        using var sqlite = await LoadedAsync(folder.File("subset.db"), [TestPaths.Seeds, corpus], documents, null);
        using var postgres = await LoadedAsync(folder.File("unused-subset.db"), [TestPaths.Seeds, corpus], documents, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = await server.DatabaseAsync(typeof(PostgresBbcSubset)),
        });
        Assert.Equal(sqlite.Services.GetRequiredService<PassageIndexHolder>().Current.Passages.Count,
            postgres.Services.GetRequiredService<PassageIndexHolder>().Current.Passages.Count);

        var differences = await DifferencesAsync(sqlite, postgres, tuning);

        Assert.True(differences.Count == 0, $"{differences.Count} of {tuning.Count} tuning questions decided differently:\n{string.Join("\n", differences)}");
    }

    private static async Task<IHost> LoadedAsync(string database, IEnumerable<string> corpus, IReadOnlyList<EmbeddedDocument> documents, IDictionary<string, string?>? settings)
    {
        var host = CoreHost.Create(database, corpus, settings);
        foreach (var batch in documents.Chunk(256)) await host.Services.GetRequiredService<IKnowledgeStore>().SaveDocumentsAsync(batch, CancellationToken.None);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        return host;
    }


    /// <summary>Names the subset's database apart from the seed's (<see cref="PostgresServer.DatabaseAsync"/> makes one per type).</summary>
    private sealed class PostgresBbcSubset;

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
