using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Storage;

public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>PostgreSQL</c>, which needs <see cref="ConnectionString"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file holding documents, passages and embeddings. Relative paths are taken from the
    /// working directory; the default lives in the git-ignored <c>data/</c> folder.</summary>
    [Required]
    public string Database { get; set; } = "data/newsdesk.db";

    /// <summary>Keep files beside the SQLite file that make the next start or a first ask faster (<see cref="StartupCachePath"/>): a snapshot of the loaded search
    /// index (<c>Database</c> + <c>.index-snapshot</c>), read in one pass instead of every row, and each corpus file's
    /// size and modification time with its hash (<c>.corpus-stamps</c>), so unchanged files are not read again, and the span windows' vectors (<c>.span-windows</c>). Derived
    /// data: rebuilt when the store's content, the settings or the bot's build differ, and safe to delete.</summary>
    public bool KeepStartupCaches { get; set; } = true;

    /// <summary>Where a derived file with <paramref name="suffix"/> (".index-snapshot", ".corpus-stamps",
    /// ".span-windows") is kept beside the SQLite file; null where none is kept: caches switched off, a PostgreSQL store
    /// (its replicas share no folder), or a store folder that does not exist.</summary>
    public string? StartupCachePath(string suffix) =>
        Provider == StorageProvider.Sqlite && KeepStartupCaches
        && Path.GetDirectoryName(Path.GetFullPath(Database)) is { } folder && Directory.Exists(folder)
            ? Path.GetFullPath(Database) + suffix : null;

    /// <summary>The PostgreSQL database replicas share (<c>Host=…;Username=…;Password=…;Database=newsdesk</c>). A
    /// secret: set it in the environment (<c>Storage__ConnectionString</c>) or user secrets, never in a file.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long one PostgreSQL operation keeps retrying, with backoff, while the connection is lost (a server
    /// restart or fail-over usually takes seconds). Past it the operation fails as it would without retries: a request
    /// is refused and the platform retries it, a background loop tries again at its next turn.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReconnectFor { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a SQLite command waits for another connection's write lock before it fails (two writers wait
    /// for each other instead of failing; an ingest holds the lock for one transaction of up to 256 documents). Past it
    /// the operation fails: a request is refused and the platform retries it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSQL && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("Storage:Provider is PostgreSQL, so Storage__ConnectionString must be set in the environment or user secrets.");
    }
}
