namespace Newsdesk.Storage;

/// <summary>The tables one store owns, declared by that store and registered with
/// <see cref="StorageServiceCollectionExtensions.AddStoreSchema"/>. <see cref="SqliteConnections"/> creates every
/// registered schema before it hands out the first connection of a process, so no verb has to remember to create a
/// store's tables (a forgotten call once made <c>digest --post-now</c> fail on a fresh store).</summary>
/// <param name="Owner">The one type that writes these tables; the architecture tests hold every other type to reading.</param>
/// <param name="Ddl">Idempotent statements (<c>CREATE … IF NOT EXISTS</c>).</param>
public sealed record StoreSchema(string Owner, IReadOnlyList<string> Tables, string Ddl)
{
    /// <summary>For derived data rebuilt rather than migrated: when the file's <c>user_version</c> is below this,
    /// <see cref="DropWhenOlder"/> runs first and the version is raised.</summary>
    public int Version { get; init; }

    public string? DropWhenOlder { get; init; }

    /// <summary>Changes to tables that hold data worth keeping (the chat journal), applied once each, in order, after
    /// <see cref="Ddl"/>; which ones a store has applied is recorded in <c>store_migrations</c> under
    /// <see cref="Owner"/>, so the list only ever grows at its end. <see cref="Ddl"/> keeps each table's first shape.</summary>
    public IReadOnlyList<string> Migrations { get; init; } = [];

    /// <summary>Nullable columns added after a table first shipped: each is added in place when the file's table lacks
    /// it, so an existing store keeps its rows (SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>). For derived stores that
    /// <see cref="DropWhenOlder"/> may rebuild from <see cref="Ddl"/> (which therefore has the column too); a store whose
    /// rows are kept for good uses <see cref="Migrations"/>.</summary>
    public IReadOnlyList<AddedColumn> AddedColumns { get; init; } = [];
}
