using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Newsdesk.Storage;

/// <summary>Opens the SQLite store once before a verb does any work, so a store that cannot be used (a file that is
/// not SQLite, a damaged one, a folder that cannot be made) is found before anything is written, and named with its
/// path. It costs nothing extra: the first connection of a process creates the schemas anyway, and this is it. Only
/// failures that a retry cannot mend are reported; a busy lock or a full disk go on to the code that handles them.</summary>
public sealed class StoreOpenCheck(IOptions<StorageOptions> options, SqliteConnections connections)
{
    // SQLite's primary result codes (sqlite.org/rescode.html).
    private const int SqlitePermission = 3, SqliteReadOnly = 8, SqliteCorrupt = 11, SqliteCannotOpen = 14, SqliteNotADatabase = 26;

    public async Task<StoreUnavailable?> FindProblemAsync(CancellationToken cancellationToken)
    {
        // PostgreSQL has its own reconnecting connections; a SQLite file opened here would be one nobody uses.
        if (options.Value.Provider != StorageProvider.Sqlite) return null;
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception exception) when (ReasonFor(exception) is { } reason)
        {
            return new StoreUnavailable(connections.DatabasePath, reason);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The only file-system step before SQLite is making the store's folder.
            return new StoreUnavailable(connections.DatabasePath, $"its folder cannot be made ({exception.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The file is not SQLite, or is damaged. Unlike a read-only file (a write failure the verbs report as
    /// such), nothing the verb does can go on.</summary>
    public static bool IsDamage(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase };

    /// <summary>The reason, when <paramref name="exception"/> says the store itself is unusable; null otherwise.
    /// </summary>
    public static string? ReasonFor(Exception exception) => exception is SqliteException sqlite
        ? sqlite.SqliteErrorCode switch
        {
            SqliteNotADatabase => "the file is not a SQLite database",
            SqliteCorrupt => $"the file is damaged ({sqlite.Message.TrimEnd('.')})",
            SqliteCannotOpen => "SQLite cannot open or create the file there (a folder of that name, or a folder it may not write)",
            SqliteReadOnly => "the file or its folder is read-only",
            SqlitePermission => "access to the file is denied",
            _ => null,
        }
        : null;
}
