namespace Newsdesk.Tests.Support;

/// <summary>A fact that needs <c>../shared</c>; skipped, with the reason, where it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!TestPaths.HasShared) Skip = TestPaths.SharedMissingReason;
    }
}

/// <summary>A theory that needs <c>../shared</c>; skipped, with the reason, where it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!TestPaths.HasShared) Skip = TestPaths.SharedMissingReason;
    }
}
