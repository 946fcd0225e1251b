using Newsdesk.Corpus;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>BM25 over SQLite FTS5 (Porter-stemmed), or in process where the index holds a <see cref="LexicalIndex"/>
/// (PostgreSQL), which counts FTS5's terms by FTS5's formula so both stores rank alike. Any of the question's content words may match; BM25 rewards passages that match more of them, and
/// rarer ones.</summary>
public sealed class LexicalRanker(IKnowledgeStore store, PassageIndexHolder index)
{
    public async Task<IReadOnlyList<(long PassageId, double Score)>> RankAsync(string question, int limit, CancellationToken cancellationToken)
    {
        if (index.Lexical is { } inProcess) return inProcess.Search(question, limit);
        var query = ToFtsQuery(question);
        return query.Length == 0 ? [] : await store.SearchTermsAsync(query, limit, cancellationToken);
    }

    /// <summary>Each content word becomes a quoted FTS5 string, so nothing a user types is read as query syntax.</summary>
    public static string ToFtsQuery(string text) =>
        string.Join(" OR ", QueryWords(text).Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>The question's content words, each searched on its own (one FTS5 phrase each, or one
    /// <see cref="LexicalIndex"/> term): distinct as typed, so two words with one stem ("owns", "owned") count twice,
    /// as FTS5 scores each phrase of the query.</summary>
    public static IEnumerable<string> QueryWords(string text) =>
        TextAnalyzer.Words(text)
            .SelectMany(w => w.Split(['.', '-', '\''], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 1 && !TextAnalyzer.IsStopWord(w))
            .Distinct(StringComparer.Ordinal);
}
