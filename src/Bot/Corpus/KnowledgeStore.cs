using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus;

/// <summary>Documents, passages, their embeddings and the FTS5 lexical index, in one SQLite file.</summary>
public sealed class KnowledgeStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time)
{
    /// <summary>Documents, passages and the lexical index. The corpus is derived data: a store from an older layout
    /// (a lower <c>user_version</c>) is rebuilt from the files, not migrated.</summary>
    public static StoreSchema Schema { get; } = new(nameof(KnowledgeStore), ["documents", "passages", "passage_terms"], """
            CREATE TABLE IF NOT EXISTS documents (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL UNIQUE,
                origin TEXT NOT NULL,
                title TEXT NOT NULL,
                url TEXT NULL,
                content_hash TEXT NOT NULL,
                published_at TEXT NULL,
                published_from TEXT NULL,
                feed_name TEXT NULL,
                added_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS passages (
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,
                text TEXT NOT NULL,
                sentence_spans BLOB NOT NULL,
                sentence_vectors BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS passages_by_document ON passages(document_id);
            CREATE VIRTUAL TABLE IF NOT EXISTS passage_terms USING fts5(title, body, tokenize = 'porter unicode61');
            """)
    {
        Version = 2,
        DropWhenOlder = "DROP TABLE IF EXISTS passage_terms; DROP TABLE IF EXISTS passages; DROP TABLE IF EXISTS documents;",
        // Added after version 2 shipped: stores built before keep their documents and gain the column empty.
        AddedColumns = [new AddedColumn("documents", "published_from", "TEXT NULL")],
    };

    /// <summary>Source → content hash for every document of one origin, to decide what a re-scan must redo.</summary>
    public async Task<Dictionary<string, string>> GetContentHashesAsync(string origin, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, content_hash FROM documents WHERE origin = $origin";
        command.Parameters.AddWithValue("$origin", origin);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) hashes[reader.GetString(0)] = reader.GetString(1);
        return hashes;
    }

    /// <summary>Replaces a document and all its passages in one transaction, so a crash never leaves half of one.</summary>
    public Task SaveDocumentAsync(DocumentRecord document, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken) =>
        health.WriteAsync("knowledge", () => SaveDocumentCoreAsync(document, passages, cancellationToken));

    private async Task SaveDocumentCoreAsync(DocumentRecord document, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await DeleteAsync(connection, transaction, document.Source, cancellationToken);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO documents(source, origin, title, url, content_hash, published_at, published_from, feed_name, added_at)
                VALUES ($source, $origin, $title, $url, $hash, $published, $publishedFrom, $feed, $added) RETURNING id
                """;
            insert.Parameters.AddWithValue("$source", document.Source);
            insert.Parameters.AddWithValue("$origin", document.Origin);
            insert.Parameters.AddWithValue("$title", document.Title);
            insert.Parameters.AddWithValue("$url", (object?)document.Url?.ToString() ?? DBNull.Value);
            insert.Parameters.AddWithValue("$hash", document.ContentHash);
            insert.Parameters.AddWithValue("$published", (object?)document.PublishedAt?.ToString("O") ?? DBNull.Value);
            insert.Parameters.AddWithValue("$publishedFrom", (object?)document.PublishedFrom ?? DBNull.Value);
            insert.Parameters.AddWithValue("$feed", (object?)document.FeedName ?? DBNull.Value);
            insert.Parameters.AddWithValue("$added", time.GetUtcNow().ToString("O"));
            var documentId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

            for (var i = 0; i < passages.Count; i++)
            {
                await using var passage = connection.CreateCommand();
                passage.Transaction = transaction;
                passage.CommandText = """
                    INSERT INTO passages(document_id, ordinal, text, sentence_spans, sentence_vectors)
                    VALUES ($doc, $ordinal, $text, $spans, $vectors) RETURNING id
                    """;
                passage.Parameters.AddWithValue("$doc", documentId);
                passage.Parameters.AddWithValue("$ordinal", i);
                passage.Parameters.AddWithValue("$text", passages[i].Passage.Text);
                passage.Parameters.AddWithValue("$spans", MemoryMarshal.AsBytes(passages[i].Passage.Sentences.ToArray().AsSpan()).ToArray());
                passage.Parameters.AddWithValue("$vectors", MemoryMarshal.AsBytes(passages[i].SentenceVectors.SelectMany(v => v).ToArray().AsSpan()).ToArray());
                var passageId = (long)(await passage.ExecuteScalarAsync(cancellationToken))!;

                await using var terms = connection.CreateCommand();
                terms.Transaction = transaction;
                terms.CommandText = "INSERT INTO passage_terms(rowid, title, body) VALUES ($id, $title, $body)";
                terms.Parameters.AddWithValue("$id", passageId);
                terms.Parameters.AddWithValue("$title", document.Title);
                terms.Parameters.AddWithValue("$body", passages[i].Passage.Text);
                await terms.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public Task RemoveDocumentAsync(string source, CancellationToken cancellationToken) =>
        health.WriteAsync("knowledge", () => RemoveDocumentCoreAsync(source, cancellationToken));

    private async Task RemoveDocumentCoreAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await DeleteAsync(connection, transaction, source, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every passage with its sentences' places and vectors (concatenated), for the in-memory dense index.</summary>
    public async Task<IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)>> LoadPassagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.id, p.document_id, d.source, d.title, d.url, p.ordinal, p.text, d.added_at, p.sentence_spans, p.sentence_vectors
            FROM passages p JOIN documents d ON d.id = p.document_id
            ORDER BY p.id
            """;
        var passages = new List<(StoredPassage, SentenceSpan[], float[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var url = reader.IsDBNull(4) ? null : new Uri(reader.GetString(4));
            var passage = new StoredPassage(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                url, reader.GetInt32(5), reader.GetString(6), ParseTime(reader.GetString(7)));
            var spans = MemoryMarshal.Cast<byte, SentenceSpan>((byte[])reader.GetValue(8)).ToArray();
            var vectors = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(9)).ToArray();
            passages.Add((passage, spans, vectors));
        }
        return passages;
    }

    /// <summary>Passages matching an FTS5 query, best first, with BM25 scores made positive (higher is better).
    /// Title matches count, but less than body matches: a headline alone is weak evidence.</summary>
    public async Task<IReadOnlyList<(long PassageId, double Score)>> SearchTermsAsync(string ftsQuery, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT rowid, -bm25(passage_terms, 0.5, 1.0) AS score FROM passage_terms
            WHERE passage_terms MATCH $query ORDER BY score DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$query", ftsQuery);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<(long, double)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
        return hits;
    }


    /// <summary>Documents that have passages, newest first (by publication time where known, else when added).</summary>
    public async Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.source, d.title, d.url, d.feed_name, d.published_at, d.added_at FROM documents d
            WHERE EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)
            ORDER BY coalesce(d.published_at, d.added_at) DESC, d.source LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        var documents = new List<DocumentSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new DocumentSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : new Uri(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : ParseTime(reader.GetString(4)),
                ParseTime(reader.GetString(5))));
        }
        return documents;
    }

    /// <summary>Each document's publication date and its source, for the documents that have one.</summary>
    public async Task<IReadOnlyDictionary<long, PublicationDate>> GetPublicationDatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, published_at, published_from, feed_name FROM documents WHERE published_at IS NOT NULL";
        var dates = new Dictionary<long, PublicationDate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Rows written before published_from existed had a date only from their feed item.
            var from = reader.IsDBNull(2) ? (reader.IsDBNull(3) ? "unknown" : PublicationDateReader.Feed) : reader.GetString(2);
            dates[reader.GetInt64(0)] = new PublicationDate(ParseTime(reader.GetString(1)), from);
        }
        return dates;
    }

    private static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

    private static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string source, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM passage_terms WHERE rowid IN (SELECT p.id FROM passages p JOIN documents d ON d.id = p.document_id WHERE d.source = $source);
            DELETE FROM passages WHERE document_id IN (SELECT id FROM documents WHERE source = $source);
            DELETE FROM documents WHERE source = $source;
            """;
        command.Parameters.AddWithValue("$source", source);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }


    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
