using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Newsdesk.Storage;

/// <summary>Opens the store once before a verb does any work, so a store that cannot be used (a file that is not
/// SQLite, a damaged one, a folder that cannot be made; a PostgreSQL database that does not exist) is found before
/// anything is written, and named with its path. It costs nothing extra: the first connection of a process creates
/// the schemas anyway, and this is it. Only failures that a retry cannot mend are reported; a busy lock, a full disk or
/// an unreachable server go on to the code that handles them.</summary>
public sealed class StoreOpenCheck(IOptions<StorageOptions> options, SqliteConnections connections, IServiceProvider services)
{
    // SQLite's primary result codes.
    private const int SqlitePermission = 3, SqliteReadOnly = 8, SqliteCorrupt = 11, SqliteCannotOpen = 14, SqliteNotADatabase = 26;

    public async Task<StoreUnavailable?> FindProblemAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == StorageProvider.PostgreSQL) return await FindPostgresProblemAsync(cancellationToken);
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
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Busy, a full disk: the stores' own handling applies (serve starts and reports it), as before this check.
            return null;
        }
    }

    /// <summary>Only what the server refuses for good: a database that does not exist, a login it rejects. A server
    /// that cannot be reached is left to the reconnecting connections, since replicas may start before it does.</summary>
    private async Task<StoreUnavailable?> FindPostgresProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolved only here: made without a connection string, PostgreSQL's connections throw. Opened once, without
            // the retries, so a server that is not up yet costs the start no wait.
            await using var connection = await services.GetRequiredService<PostgresConnections>().OpenAsync(cancellationToken);
            return null;
        }
        catch (PostgresException refused) when (refused.SqlState is "3D000" || refused.SqlState.StartsWith("28", StringComparison.Ordinal))
        {
            // Named by server and database: the connection string may hold a password.
            var where = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
            return new StoreUnavailable($"PostgreSQL database {where.Database} on {where.Host}:{where.Port}",
                $"the server refuses it ({refused.SqlState}: {refused.MessageText.TrimEnd('.')})");
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not reachable, or failing some other way: the stores' own handling applies, as it did before this check.
            return null;
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
