using Newsdesk.Corpus;

namespace Newsdesk.Tests.Corpus;

/// <summary>The FTS5-style query turned into PostgreSQL full-text search, checked without a server: which words are
/// searched, that each travels as a parameter, and how they are joined and ranked.</summary>
public sealed class PostgresTermSearchTests
{
    [Fact]
    public void EachQuotedWordBecomesOneStemmedParameterJoinedByOr()
    {
        var search = PostgresTermSearch.For("\"labels\" OR \"sued\" OR \"downloads\"")!;

        Assert.Equal(["labels", "sued", "downloads"], search.Words);
        Assert.Contains("plainto_tsquery('english', @w0) || plainto_tsquery('english', @w1) || plainto_tsquery('english', @w2) AS q", search.Sql, StringComparison.Ordinal);
        using var command = search.Command(null, 7);
        Assert.Equal(["weights", "w0", "w1", "w2", "limit"], command.Parameters.Select(p => p.ParameterName));
        Assert.Equal("downloads", command.Parameters["w2"].Value);
        Assert.Equal(7, command.Parameters["limit"].Value);
    }

    [Fact]
    public void TitleMatchesWeighHalfOfBodyMatchesAndLongPassagesAreDampedByTheLogOfTheirLength()
    {
        using var command = PostgresTermSearch.For("\"chart\"")!.Command(null, 10);

        // ts_rank's weights run D, C, B, A: the title is B, the body A (the passages' generated terms column).
        Assert.Equal([0f, 0f, 0.5f, 1f], (float[])command.Parameters["weights"].Value!);
        Assert.Contains("ts_rank(@weights, terms, q, 1)", command.CommandText, StringComparison.Ordinal);
        Assert.Contains("ORDER BY score DESC, id LIMIT @limit", command.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostileWordIsAParameterAndNeverPartOfTheStatement()
    {
        var search = PostgresTermSearch.For("\"\"\"; DROP TABLE passages; --\" OR \"it\"\"s\"")!;

        Assert.Equal(["\"; DROP TABLE passages; --", "it\"s"], search.Words);
        Assert.DoesNotContain("DROP", search.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("it\"s", search.Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("labels OR sued")]
    public void AQueryThatQuotesNoWordSearchesNothing(string query) => Assert.Null(PostgresTermSearch.For(query));
}
