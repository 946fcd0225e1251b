using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Evaluation;

/// <summary>Reads a kept evaluation store's rows back as embedded documents (the PostgreSQL parity test and the
/// benchmarks' PostgreSQL comparison fill a second store from them).</summary>
public static class KeptStoreRows
{
    /// <summary>The kept store's documents whose source <paramref name="includeSource"/> accepts, with their passages,
    /// spans and vectors, in stored order: filling another store from them embeds nothing.</summary>
    public static async Task<List<EmbeddedDocument>> ReadAsync(string database, Func<string, bool> includeSource)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, d.source, d.origin, d.title, d.url, d.content_hash, d.published_at, d.published_from, d.feed_name,
                   p.text, p.sentence_spans, p.sentence_vectors
            FROM documents d JOIN passages p ON p.document_id = d.id ORDER BY d.id, p.ordinal
            """;
        var documents = new List<EmbeddedDocument>();
        long current = -1;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!includeSource(reader.GetString(1))) continue;
            if (reader.GetInt64(0) != current)
            {
                current = reader.GetInt64(0);
                var record = new DocumentRecord(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : new Uri(reader.GetString(4)), reader.GetString(5),
                    reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    reader.IsDBNull(8) ? null : reader.GetString(8)) { PublishedFrom = reader.IsDBNull(7) ? null : reader.GetString(7) };
                documents.Add(new EmbeddedDocument(record, new List<EmbeddedPassage>()));
            }
            var spans = MemoryMarshal.Cast<byte, SentenceSpan>((byte[])reader[10]).ToArray();
            var vectors = MemoryMarshal.Cast<byte, float>((byte[])reader[11]).ToArray();
            var dimensions = spans.Length == 0 ? 0 : vectors.Length / spans.Length;
            var sentenceVectors = Enumerable.Range(0, spans.Length).Select(s => vectors.AsSpan(s * dimensions, dimensions).ToArray()).ToList();
            ((List<EmbeddedPassage>)documents[^1].Passages).Add(new EmbeddedPassage(new SplitPassage(reader.GetString(9), spans), sentenceVectors));
        }
        return documents;
    }
}
