using System.Text.RegularExpressions;
using Npgsql;

namespace Newsdesk.Corpus;

/// <summary>The lexical query of <see cref="IKnowledgeStore.SearchTermsAsync"/> (quoted words joined by OR, as FTS5
/// reads them) turned into PostgreSQL full-text search: each quoted word stemmed by <c>plainto_tsquery</c> and the words
/// joined by OR, ranked by <c>ts_rank</c> with title matches weighted half of body matches (as FTS5's BM25 weights 0.5
/// and 1.0), divided by one plus the log of the passage's length (normalisation 1), since long passages match more by
/// chance. Built without a server, so the translation is tested on its own; every word travels as a parameter, never
/// as SQL.</summary>
public sealed partial class PostgresTermSearch
{
    /// <summary><c>ts_rank</c>'s weights of D, C, B (the title) and A (the body).</summary>
    private static readonly float[] RankWeights = [0f, 0f, 0.5f, 1f];

    private PostgresTermSearch(IReadOnlyList<string> words) => Words = words;

    /// <summary>The query's words, unquoted (a doubled quote inside one read as one quote).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The statement, with one parameter per word (<c>@w0</c>, <c>@w1</c> …), the weights and the limit.</summary>
    public string Sql => $"""
        SELECT id, ts_rank(@weights, terms, q, 1) AS score FROM passages, (SELECT {string.Join(" || ", Words.Select((_, i) => $"plainto_tsquery('english', @w{i})"))} AS q) AS query
        WHERE terms @@ q ORDER BY score DESC, id LIMIT @limit
        """;

    /// <summary>The search for an FTS5-style query, or null when it quotes no word (then nothing can match).</summary>
    public static PostgresTermSearch? For(string ftsQuery)
    {
        var words = QuotedWord().Matches(ftsQuery).Select(m => m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal)).ToList();
        return words.Count == 0 ? null : new PostgresTermSearch(words);
    }

    /// <summary>The statement bound to its parameters on <paramref name="connection"/>: rows of passage id and score.</summary>
    public NpgsqlCommand Command(NpgsqlConnection? connection, int limit)
    {
        var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("weights", RankWeights);
        for (var i = 0; i < Words.Count; i++) command.Parameters.AddWithValue($"w{i}", Words[i]);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    [GeneratedRegex("\"((?:[^\"]|\"\")*)\"")]
    private static partial Regex QuotedWord();
}
