using Newsdesk.Tests.Hostile;

namespace Newsdesk.Tests.Support;

/// <summary>A fact that needs both a PostgreSQL server (<see cref="PostgresServer"/>) and the kept, embedded evaluation
/// store (<see cref="EvaluationStoreFactAttribute"/>); skipped, with the reason, where either is missing.</summary>
public sealed class PostgresEvaluationStoreFactAttribute : FactAttribute
{
    public PostgresEvaluationStoreFactAttribute()
    {
        if (PostgresServer.MissingReason is { } reason) Skip = reason;
        else if (EvaluationStoreFactAttribute.StorePath is null) Skip = "Set NEWSDESK_EVAL_STORE to a folder holding evaluation-seed-bbc.db";
    }
}
