namespace Newsdesk.Tests.Hostile;

/// <summary>A fact over the embedded evaluation store (seed + BBC); skipped, with the reason, unless
/// NEWSDESK_EVAL_STORE names a folder that holds it (embedding it from scratch takes minutes).</summary>
public sealed class EvaluationStoreFactAttribute : FactAttribute
{
    public EvaluationStoreFactAttribute()
    {
        if (StorePath is null) Skip = "Set NEWSDESK_EVAL_STORE to a folder holding evaluation-seed-bbc.db";
    }

    public static string? StorePath =>
        Environment.GetEnvironmentVariable("NEWSDESK_EVAL_STORE") is { Length: > 0 } folder && File.Exists(Path.Combine(folder, "evaluation-seed-bbc.db"))
            ? Path.Combine(folder, "evaluation-seed-bbc.db")
            : null;
}
