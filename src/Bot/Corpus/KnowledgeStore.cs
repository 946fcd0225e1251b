using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus;

/// <summary>Documents, passages, their embeddings and the FTS5 lexical index, in one SQLite file.</summary>
public sealed class KnowledgeStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IKnowledgeStore
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
        SaveDocumentsAsync([new EmbeddedDocument(document, passages)], cancellationToken);

    /// <summary>Replaces several documents and their passages in one transaction: all of them or none. Bulk ingestion
    /// commits a few hundred documents at a time, since a commit (a WAL sync) costs more than the rows it writes.</summary>
    public Task SaveDocumentsAsync(IReadOnlyList<EmbeddedDocument> documents, CancellationToken cancellationToken) =>
        health.WriteAsync("knowledge", () => SaveDocumentsCoreAsync(documents, cancellationToken));

    private async Task SaveDocumentsCoreAsync(IReadOnlyList<EmbeddedDocument> documents, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // The commands are built once per transaction and re-bound for every row.
        await using var delete = Command(connection, transaction, DeleteSql, "$source");
        await using var insert = Command(connection, transaction, """
            INSERT INTO documents(source, origin, title, url, content_hash, published_at, published_from, feed_name, added_at)
            VALUES ($source, $origin, $title, $url, $hash, $published, $publishedFrom, $feed, $added) RETURNING id
            """, "$source", "$origin", "$title", "$url", "$hash", "$published", "$publishedFrom", "$feed", "$added");
        await using var passage = Command(connection, transaction, """
            INSERT INTO passages(document_id, ordinal, text, sentence_spans, sentence_vectors)
            VALUES ($doc, $ordinal, $text, $spans, $vectors) RETURNING id
            """, "$doc", "$ordinal", "$text", "$spans", "$vectors");
        await using var terms = Command(connection, transaction, "INSERT INTO passage_terms(rowid, title, body) VALUES ($id, $title, $body)",
            "$id", "$title", "$body");
        var added = time.GetUtcNow().ToString("O");
        foreach (var (document, passages) in documents)
        {
            delete.Parameters[0].Value = document.Source;
            await delete.ExecuteNonQueryAsync(cancellationToken);

            insert.Parameters[0].Value = document.Source;
            insert.Parameters[1].Value = document.Origin;
            insert.Parameters[2].Value = document.Title;
            insert.Parameters[3].Value = (object?)document.Url?.ToString() ?? DBNull.Value;
            insert.Parameters[4].Value = document.ContentHash;
            insert.Parameters[5].Value = (object?)document.PublishedAt?.ToString("O") ?? DBNull.Value;
            insert.Parameters[6].Value = (object?)document.PublishedFrom ?? DBNull.Value;
            insert.Parameters[7].Value = (object?)document.FeedName ?? DBNull.Value;
            insert.Parameters[8].Value = added;
            var documentId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

            for (var i = 0; i < passages.Count; i++)
            {
                passage.Parameters[0].Value = documentId;
                passage.Parameters[1].Value = i;
                passage.Parameters[2].Value = passages[i].Passage.Text;
                passage.Parameters[3].Value = MemoryMarshal.AsBytes(passages[i].Passage.Sentences.ToArray().AsSpan()).ToArray();
                passage.Parameters[4].Value = VectorBytes(passages[i].SentenceVectors);
                var passageId = (long)(await passage.ExecuteScalarAsync(cancellationToken))!;

                terms.Parameters[0].Value = passageId;
                terms.Parameters[1].Value = document.Title;
                terms.Parameters[2].Value = passages[i].Passage.Text;
                await terms.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A passage's sentence vectors, concatenated, as the bytes of the floats.</summary>
    internal static byte[] VectorBytes(IReadOnlyList<float[]> vectors)
    {
        var bytes = new byte[vectors.Sum(v => v.Length) * sizeof(float)];
        var offset = 0;
        foreach (var vector in vectors)
        {
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(bytes.AsSpan(offset));
            offset += vector.Length * sizeof(float);
        }
        return bytes;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        return command;
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
        // Blobs are read through one reusable buffer straight into the arrays the index keeps: the only copy of a
        // vector that outlives the load (a fresh byte array per blob doubled the load's garbage).
        var buffer = new byte[64 * 1024];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var url = reader.IsDBNull(4) ? null : new Uri(reader.GetString(4));
            var passage = new StoredPassage(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                url, reader.GetInt32(5), reader.GetString(6), ParseTime(reader.GetString(7)));
            var spans = ReadBlob<SentenceSpan>(reader, 8, ref buffer);
            var vectors = ReadBlob<float>(reader, 9, ref buffer);
            passages.Add((passage, spans, vectors));
        }
        return passages;
    }

    private static T[] ReadBlob<T>(SqliteDataReader reader, int ordinal, ref byte[] buffer) where T : struct
    {
        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (buffer.Length < length) buffer = new byte[length];
        reader.GetBytes(ordinal, 0, buffer, 0, length);
        return MemoryMarshal.Cast<byte, T>(buffer.AsSpan(0, length)).ToArray();
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

    /// <summary>Row ids may be reused after a delete, so the latest addition time is part of the version too.</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(added_at), '') FROM documents";
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Every document's id, source, content hash and save time, and the passages' count and highest id, hashed:
    /// a save replaces a document's rows under new ids, so any change to what the index loads changes the key.</summary>
    public async Task<string?> GetContentKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, source, content_hash, added_at FROM documents
            UNION ALL SELECT count(*), CAST(coalesce(max(id), 0) AS TEXT), '', '' FROM passages
            """;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetInt64(0)}\u001f{reader.GetString(1)}\u001f{reader.GetString(2)}\u001f{reader.GetString(3)}\u001e"));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public Task<string> DescribeVectorSearchAsync(CancellationToken cancellationToken) => Task.FromResult("in memory (SQLite)");

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

    private const string DeleteSql = """
        DELETE FROM passage_terms WHERE rowid IN (SELECT p.id FROM passages p JOIN documents d ON d.id = p.document_id WHERE d.source = $source);
        DELETE FROM passages WHERE document_id IN (SELECT id FROM documents WHERE source = $source);
        DELETE FROM documents WHERE source = $source;
        """;

    private static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string source, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, DeleteSql, "$source");
        command.Parameters[0].Value = source;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
