using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Newsdesk.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Newsdesk.Corpus;

/// <summary>The corpus on PostgreSQL, shared by replicas: the same documents and passages as
/// <see cref="KnowledgeStore"/>, sentence vectors as the same float bytes (<c>bytea</c>; each replica searches them in
/// memory), and the lexical index as a stored <c>tsvector</c> per passage (title weighted B, body A) under a GIN index.
/// Passages carry their document's title so that column can be generated, which lets a batch of passages arrive by one
/// binary COPY.</summary>
public sealed partial class PostgresKnowledgeStore(PostgresConnections connections, TimeProvider time) : IKnowledgeStore
{
    /// <summary>"Corp" in ASCII: the transaction lock corpus writers take.</summary>
    private const long CorpusWriteLock = 0x436F7270;

    /// <summary><c>ts_rank</c>'s weights of D, C, B (the title) and A (the body).</summary>
    private static readonly float[] RankWeights = [0f, 0f, 0.5f, 1f];

    public static PostgresSchema Schema { get; } = new(nameof(KnowledgeStore), ["documents", "passages"], ["""
        CREATE TABLE documents (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT NULL,
            content_hash TEXT NOT NULL,
            published_at TIMESTAMPTZ NULL,
            published_from TEXT NULL,
            feed_name TEXT NULL,
            added_at TIMESTAMPTZ NOT NULL);
        CREATE INDEX documents_by_origin ON documents(origin);
        CREATE TABLE passages (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            sentence_spans BYTEA NOT NULL,
            sentence_vectors BYTEA NOT NULL,
            terms TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english', title), 'B') || setweight(to_tsvector('english', text), 'A')) STORED);
        CREATE INDEX passages_by_document ON passages(document_id);
        CREATE INDEX passages_by_terms ON passages USING GIN (terms);
        """]);

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

    public async Task SaveDocumentsAsync(IReadOnlyList<EmbeddedDocument> documents, CancellationToken cancellationToken)
    {
        await connections.WriteAsync("knowledge", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Writers take turns: replicas starting together each bring the corpus folders up to date, and two inserts of
            // one source would otherwise collide on its unique key instead of the second replacing the first.
            await using (var turn = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CorpusWriteLock})", connection, transaction))
                await turn.ExecuteNonQueryAsync(cancellationToken);
            var added = time.GetUtcNow().ToUniversalTime();
            var documentIds = new long[documents.Count];
            for (var d = 0; d < documents.Count; d++)
            {
                var document = documents[d].Record;
                // Passages go with their document (ON DELETE CASCADE).
                await using var delete = new NpgsqlCommand("DELETE FROM documents WHERE source = @source", connection, transaction);
                delete.Parameters.AddWithValue("source", document.Source);
                await delete.ExecuteNonQueryAsync(cancellationToken);
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO documents(source, origin, title, url, content_hash, published_at, published_from, feed_name, added_at)
                    VALUES (@source, @origin, @title, @url, @hash, @published, @publishedFrom, @feed, @added) RETURNING id
                    """, connection, transaction);
                insert.Parameters.AddWithValue("source", document.Source);
                insert.Parameters.AddWithValue("origin", document.Origin);
                insert.Parameters.AddWithValue("title", document.Title);
                insert.Parameters.AddWithValue("url", NpgsqlDbType.Text, (object?)document.Url?.ToString() ?? DBNull.Value);
                insert.Parameters.AddWithValue("hash", document.ContentHash);
                insert.Parameters.AddWithValue("published", NpgsqlDbType.TimestampTz, (object?)document.PublishedAt?.ToUniversalTime() ?? DBNull.Value);
                insert.Parameters.AddWithValue("publishedFrom", NpgsqlDbType.Text, (object?)document.PublishedFrom ?? DBNull.Value);
                insert.Parameters.AddWithValue("feed", NpgsqlDbType.Text, (object?)document.FeedName ?? DBNull.Value);
                insert.Parameters.AddWithValue("added", added);
                documentIds[d] = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            // One binary COPY for every passage of the batch, in document order, so passage ids keep the order SQLite gives.
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY passages (document_id, ordinal, title, text, sentence_spans, sentence_vectors) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (var d = 0; d < documents.Count; d++)
                {
                    var (document, passages) = documents[d];
                    for (var i = 0; i < passages.Count; i++)
                    {
                        await copy.StartRowAsync(cancellationToken);
                        await copy.WriteAsync(documentIds[d], NpgsqlDbType.Bigint, cancellationToken);
                        await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                        await copy.WriteAsync(document.Title, NpgsqlDbType.Text, cancellationToken);
                        await copy.WriteAsync(passages[i].Passage.Text, NpgsqlDbType.Text, cancellationToken);
                        await copy.WriteAsync(MemoryMarshal.AsBytes(passages[i].Passage.Sentences.ToArray().AsSpan()).ToArray(), NpgsqlDbType.Bytea, cancellationToken);
                        await copy.WriteAsync(KnowledgeStore.VectorBytes(passages[i].SentenceVectors), NpgsqlDbType.Bytea, cancellationToken);
                    }
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task RemoveDocumentAsync(string source, CancellationToken cancellationToken)
    {
        await connections.WriteAsync("knowledge", async connection =>
        {
            await using var delete = new NpgsqlCommand("DELETE FROM documents WHERE source = @source", connection);
            delete.Parameters.AddWithValue("source", source);
            await delete.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>The query's quoted words, each stemmed by <c>plainto_tsquery</c> and joined by OR; ranked by
    /// <c>ts_rank</c> with title matches weighted half of body matches (as FTS5's BM25 weights 0.5 and 1.0), divided
    /// by one plus the log of the passage's length (normalisation 1), since long passages match more by chance.</summary>
    public async Task<IReadOnlyList<(long PassageId, double Score)>> SearchTermsAsync(string ftsQuery, int limit, CancellationToken cancellationToken)
    {
        var words = QuotedWord().Matches(ftsQuery).Select(m => m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal)).ToList();
        if (words.Count == 0) return [];
        return await connections.ReadAsync(async connection =>
        {
            var query = string.Join(" || ", words.Select((_, i) => $"plainto_tsquery('english', @w{i})"));
            await using var command = new NpgsqlCommand($"""
                SELECT id, ts_rank(@weights, terms, q, 1) AS score FROM passages, (SELECT {query} AS q) AS query
                WHERE terms @@ q ORDER BY score DESC, id LIMIT @limit
                """, connection);
            command.Parameters.AddWithValue("weights", RankWeights);
            for (var i = 0; i < words.Count; i++) command.Parameters.AddWithValue($"w{i}", words[i]);
            command.Parameters.AddWithValue("limit", limit);
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

    [GeneratedRegex("\"((?:[^\"]|\"\")*)\"")]
    private static partial Regex QuotedWord();
}
