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

    /// <summary>The PostgreSQL database replicas share (<c>Host=…;Username=…;Password=…;Database=newsdesk</c>). A
    /// secret: set it in the environment (<c>Storage__ConnectionString</c>) or user secrets, never in a file.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSQL && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("Storage:Provider is PostgreSQL, so Storage__ConnectionString must be set in the environment or user secrets.");
    }
}
