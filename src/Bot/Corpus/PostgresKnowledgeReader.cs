using System.Runtime.InteropServices;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Corpus;

/// <summary>The corpus's reads on PostgreSQL: what <see cref="PostgresKnowledgeStore"/> hands on for every query that
/// changes no row (content hashes, passages and vectors for the in-memory index, the full-text search, the document
/// list, the version, publication dates, how vectors are searched). Each read is one unit of work that
/// <see cref="PostgresConnections.ReadAsync"/> runs again on a lost connection.</summary>
public sealed class PostgresKnowledgeReader(PostgresConnections connections)
{
    public async Task<Dictionary<string, string>> GetContentHashesAsync(string origin, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT source, content_hash FROM documents WHERE origin = @origin", connection);
            command.Parameters.AddWithValue("origin", origin);
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) hashes[reader.GetString(0)] = reader.GetString(1);
            return hashes;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)>> LoadPassagesAsync(CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT p.id, p.document_id, d.source, d.title, d.url, p.ordinal, p.text, d.added_at, p.sentence_spans, p.sentence_vectors
                FROM passages p JOIN documents d ON d.id = p.document_id
                ORDER BY p.id
                """, connection);
            var passages = new List<(StoredPassage, SentenceSpan[], float[])>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var url = reader.IsDBNull(4) ? null : new Uri(reader.GetString(4));
                var passage = new StoredPassage(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                    url, reader.GetInt32(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
                var spans = MemoryMarshal.Cast<byte, SentenceSpan>(reader.GetFieldValue<byte[]>(8)).ToArray();
                var vectors = MemoryMarshal.Cast<byte, float>(reader.GetFieldValue<byte[]>(9)).ToArray();
                passages.Add((passage, spans, vectors));
            }
            return passages;
        }, cancellationToken);
    }

    /// <summary>Runs <see cref="PostgresTermSearch"/>'s statement; a query that quotes no word matches nothing and
    /// asks the server nothing.</summary>
    public async Task<IReadOnlyList<(long PassageId, double Score)>> SearchTermsAsync(string ftsQuery, int limit, CancellationToken cancellationToken)
    {
        if (PostgresTermSearch.For(ftsQuery) is not { } search) return [];
        return await connections.ReadAsync(async connection =>
        {
            await using var command = search.Command(connection, limit);
            var hits = new List<(long, double)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) hits.Add((reader.GetInt64(0), reader.GetFloat(1)));
            return hits;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int limit, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT d.source, d.title, d.url, d.feed_name, d.published_at, d.added_at FROM documents d
                WHERE EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)
                ORDER BY coalesce(d.published_at, d.added_at) DESC, d.source LIMIT @limit
                """, connection);
            command.Parameters.AddWithValue("limit", (long)limit);
            var documents = new List<DocumentSummary>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new DocumentSummary(reader.GetString(0), reader.GetString(1),
                    reader.IsDBNull(2) ? null : new Uri(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetFieldValue<DateTimeOffset>(5)));
            }
            return documents;
        }, cancellationToken);
    }

    /// <summary>Identity values are never reused, so the count and the highest id change with every save or removal.</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT count(*) || ':' || coalesce(max(id), 0) FROM documents", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    /// <summary>Vectors are always searched in each replica's memory; pgvector is only detected and reported, since
    /// Debian 12's PostgreSQL packages lack it and the in-memory scan is what runs there.</summary>
    public async Task<string> DescribeVectorSearchAsync(CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM pg_extension WHERE extname = 'vector'), (SELECT count(*) FROM pg_available_extensions WHERE name = 'vector')
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var state = reader.GetInt64(0) > 0 ? "pgvector is installed but unused"
                : reader.GetInt64(1) > 0 ? "pgvector is available but not installed" : "pgvector is missing";
            return $"in memory (PostgreSQL; {state})";
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, PublicationDate>> GetPublicationDatesAsync(CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT id, published_at, coalesce(published_from, 'unknown') FROM documents WHERE published_at IS NOT NULL", connection);
            var dates = new Dictionary<long, PublicationDate>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                dates[reader.GetInt64(0)] = new PublicationDate(reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2));
            return dates;
        }, cancellationToken);
    }
}
