namespace Newsdesk.Tests.Support;

/// <summary>A fact that needs a PostgreSQL server (<see cref="PostgresServer"/>); skipped, with the reason, where its
/// binaries are missing.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.MissingReason is { } reason) Skip = reason;
    }
}
