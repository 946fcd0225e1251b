namespace Newsdesk.Tests.Support;

/// <summary>A fact that needs both a PostgreSQL server and <c>../shared</c>; skipped, with the reason, where either is missing.</summary>
public sealed class PostgresSharedFactAttribute : FactAttribute
{
    public PostgresSharedFactAttribute()
    {
        if (PostgresServer.MissingReason is { } reason) Skip = reason;
        else if (!TestPaths.HasShared) Skip = TestPaths.SharedMissingReason;
    }
}
