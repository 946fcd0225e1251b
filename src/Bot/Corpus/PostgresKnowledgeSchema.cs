using Newsdesk.Storage;

namespace Newsdesk.Corpus;

/// <summary>The corpus's tables on PostgreSQL, as numbered migrations: what changes when the layout changes, apart from
/// the statements that write and read the rows. Passages carry their document's title so the lexical column can be
/// generated from both (title weighted B, body A) under a GIN index, which lets a batch of passages arrive by one
/// binary COPY (<see cref="PostgresKnowledgeStore"/>). Sentence vectors are the same float bytes as on SQLite
/// (<c>bytea</c>; each replica searches them in memory).</summary>
public static class PostgresKnowledgeSchema
{
    /// <summary>Owned by <see cref="KnowledgeStore"/>'s name, as every PostgreSQL schema names its store's SQLite owner:
    /// <see cref="PostgresKnowledgeStore"/> is the one writer of these tables on this provider.</summary>
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
}
