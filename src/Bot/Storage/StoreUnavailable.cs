namespace Newsdesk.Storage;

/// <summary>Why the configured store cannot be used at all (not a passing failure such as a busy lock): a value the
/// command line reports as one line, rather than an exception from deep inside the first store that touched it.</summary>
public sealed record StoreUnavailable(string Path, string Reason)
{
    public override string ToString() => $"cannot use {Path}: {Reason}.";
}
