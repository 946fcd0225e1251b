using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite file holding documents, passages and embeddings. Relative paths are taken from the
    /// working directory; the default lives in the git-ignored <c>data/</c> folder.</summary>
    [Required]
    public string Database { get; set; } = "data/newsdesk.db";

    /// <summary>The PostgreSQL database replicas share (<c>Host=…;Username=…;Password=…;Database=newsdesk</c>). A
    /// secret: set it in the environment (<c>Storage__ConnectionString</c>) or user secrets, never in a file.</summary>
    public string? ConnectionString { get; set; }
}
