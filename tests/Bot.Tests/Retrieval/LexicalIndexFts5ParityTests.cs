using System.Text.Json;
using Microsoft.Data.Sqlite;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The in-process BM25 index that ranks terms for a PostgreSQL store against the SQLite store's own FTS5
/// index (an in-memory table made as <c>KnowledgeStore</c> makes it, ranked by the same <c>bm25()</c> call): the
/// same passages match every tuning question, with the same scores, in the same order, so the two stores hand the
/// coverage decision the same lexical evidence. Only tuning questions are asked.</summary>
public sealed class LexicalIndexFts5ParityTests
{
    [Fact]
    public void OverTheSeedItScoresEveryTuningQuestionAsTheSqliteStoresFts5IndexDoes()
    {
        var passages = Paragraphs("seed", File.ReadAllText(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt")), 1).ToList();
        AssertSameScores(passages);
    }

    [SharedFact]
    public void OverTheBbcMusicSubsetItScoresEveryTuningQuestionAsTheSqliteStoresFts5IndexDoes()
    {
        using var subset = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Shared, "corpus", "bbc-music-subset.json")));
        var passages = new List<StoredPassage>();
        foreach (var article in subset.RootElement.GetProperty("articles").EnumerateArray())
            passages.AddRange(Paragraphs(article.GetProperty("file").GetString()!,
                File.ReadAllText(Path.Combine(TestPaths.BbcCorpus, article.GetProperty("file").GetString()!)), passages.Count + 1));
        Assert.True(passages.Count > 1_000, $"{passages.Count} passages");
        AssertSameScores(passages);
    }

    private static void AssertSameScores(IReadOnlyList<StoredPassage> passages)
    {
        using var fts5 = new SqliteConnection("Data Source=:memory:");
        fts5.Open();
        Execute(fts5, "CREATE VIRTUAL TABLE passage_terms USING fts5(title, body, tokenize = 'porter unicode61')");
        foreach (var passage in passages)
            Execute(fts5, "INSERT INTO passage_terms(rowid, title, body) VALUES ($id, $title, $body)", ("$id", passage.Id), ("$title", passage.Title), ("$body", passage.Text));
        var index = new LexicalIndex(passages);
        var questions = EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "questions.jsonl")).Where(q => !q.IsTest).ToList();
        var differences = new List<string>();
        foreach (var question in questions)
        {
            var query = LexicalRanker.ToFtsQuery(question.Question);
            var ranked = query.Length == 0 ? [] : Fts5Ranking(fts5, query, passages.Count);
            var searched = index.Search(question.Question, passages.Count);
            var expected = ranked.ToDictionary(h => h.PassageId, h => h.Score);
            var actual = searched.ToDictionary(h => h.PassageId, h => h.Score);
            if (!ranked.Select(h => h.PassageId).SequenceEqual(searched.Select(h => h.PassageId)))
                differences.Add($"  {question.Id}: ranked in another order (FTS5 {string.Join(", ", ranked.Take(5).Select(h => h.PassageId))}; in process {string.Join(", ", searched.Take(5).Select(h => h.PassageId))})");
            var wrong = expected.Keys.Union(actual.Keys)
                .Where(id => !expected.TryGetValue(id, out var e) || !actual.TryGetValue(id, out var a) || Math.Abs(e - a) > 1e-9 * Math.Max(1, Math.Abs(e)))
                .Take(3).Select(id => $"passage {id}: FTS5 {expected.GetValueOrDefault(id, double.NaN):G6}, in process {actual.GetValueOrDefault(id, double.NaN):G6}");
            if (wrong.Any()) differences.Add($"  {question.Id} ({expected.Count} and {actual.Count} matches): {string.Join("; ", wrong)}");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} of {questions.Count} tuning questions scored differently:\n{string.Join("\n", differences.Take(20))}");
    }

    /// <summary>The SQLite store's own statement (<c>KnowledgeStore.SearchTermsAsync</c>).</summary>
    private static List<(long PassageId, double Score)> Fts5Ranking(SqliteConnection fts5, string query, int limit)
    {
        using var command = fts5.CreateCommand();
        command.CommandText = "SELECT rowid, -bm25(passage_terms, 0.5, 1.0) AS score FROM passage_terms WHERE passage_terms MATCH $query ORDER BY score DESC LIMIT $limit";
        command.Parameters.AddWithValue("$query", query);
        command.Parameters.AddWithValue("$limit", limit);
        var ranking = new List<(long, double)>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ranking.Add((reader.GetInt64(0), reader.GetDouble(1)));
        return ranking;
    }

    /// <summary>A story as the store holds it, roughly: its first line the title, each later paragraph a passage.</summary>
    private static IEnumerable<StoredPassage> Paragraphs(string source, string story, long firstId)
    {
        var lines = story.Split('\n');
        var title = lines[0].Trim();
        var paragraphs = string.Join('\n', lines.Skip(1)).Split("\n\n").Select(p => p.Trim()).Where(p => p.Length > 0);
        return paragraphs.Select((text, i) => new StoredPassage(firstId + i, 0, source, title, null, i, text, DateTimeOffset.UnixEpoch));
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
