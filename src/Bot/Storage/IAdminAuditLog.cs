namespace Newsdesk.Storage;

/// <summary>Reading the changes made from chat, as every provider offers it (see <see cref="AdminAuditLog"/> for
/// SQLite, <c>PostgresAdminAuditLog</c> for PostgreSQL). Entries are written by the stores that make the
/// changes, inside their own transactions, through the provider's static <c>AddAsync</c>.</summary>
public interface IAdminAuditLog
{
    /// <summary>The latest changes, newest first.</summary>
    Task<IReadOnlyList<AdminChange>> ListAsync(int limit, CancellationToken cancellationToken);
}
