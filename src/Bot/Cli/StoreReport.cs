using Newsdesk.Storage;

namespace Newsdesk.Cli;

/// <summary>A store that cannot be used, as a person reads it: one line naming the path and the reason, no stack
/// trace. Exit code 3: retrying will not help until the file or <c>Storage:Database</c> is mended.</summary>
public static class StoreReport
{
    public const int StoreUnusable = 3;

    public static async Task<int> WriteAsync(StoreUnavailable problem, TextWriter errors)
    {
        await errors.WriteLineAsync($"Store error: {problem}");
        return StoreUnusable;
    }
}
