using System.Runtime.InteropServices;
using Newsdesk.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Newsdesk.Corpus;

/// <summary>The corpus on PostgreSQL, shared by replicas: the same documents and passages as
/// <see cref="KnowledgeStore"/>. This type is the one writer of the corpus's tables (saves and removals, under the
/// corpus write lock); their layout is <see cref="PostgresKnowledgeSchema"/>'s, every read is
/// <see cref="PostgresKnowledgeReader"/>'s, and the full-text query's translation is <see cref="PostgresTermSearch"/>'s.</summary>
public sealed class PostgresKnowledgeStore(PostgresConnections connections, TimeProvider time) : IKnowledgeStore
{
    /// <summary>"Corp" in ASCII: the transaction lock corpus writers take.</summary>
    private const long CorpusWriteLock = 0x436F7270;

    private readonly PostgresKnowledgeReader reads = new(connections);

    public static PostgresSchema Schema => PostgresKnowledgeSchema.Schema;

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

    public Task<Dictionary<string, string>> GetContentHashesAsync(string origin, CancellationToken cancellationToken) =>
        reads.GetContentHashesAsync(origin, cancellationToken);

    public Task<IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)>> LoadPassagesAsync(CancellationToken cancellationToken) =>
        reads.LoadPassagesAsync(cancellationToken);

    public Task<IReadOnlyList<(long PassageId, double Score)>> SearchTermsAsync(string ftsQuery, int limit, CancellationToken cancellationToken) =>
        reads.SearchTermsAsync(ftsQuery, limit, cancellationToken);

    public Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int limit, CancellationToken cancellationToken) =>
        reads.ListDocumentsAsync(limit, cancellationToken);

    public Task<string> GetVersionAsync(CancellationToken cancellationToken) => reads.GetVersionAsync(cancellationToken);

    public Task<string> DescribeVectorSearchAsync(CancellationToken cancellationToken) => reads.DescribeVectorSearchAsync(cancellationToken);

    public Task<IReadOnlyDictionary<long, PublicationDate>> GetPublicationDatesAsync(CancellationToken cancellationToken) =>
        reads.GetPublicationDatesAsync(cancellationToken);
}
