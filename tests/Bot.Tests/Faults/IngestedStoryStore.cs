using System.Diagnostics;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>A store holding one story of today, put there once per test class by the real <c>ingest</c> as a child
/// process (a file counts as an arrival for the next digest). Each test copies it and works on its copy, so it starts
/// from the same state a fresh ingest would give it, without a model load and an ingest of its own.</summary>
public sealed class IngestedStoryStore : IAsyncLifetime
{
    public const string StoryTitle = "Labels and artists agree new download royalties";

    private const string StoreName = "bot.db";

    private readonly TemporaryFolder folder = new();

    public async Task InitializeAsync()
    {
        var file = folder.File("story.txt");
        await File.WriteAllTextAsync(file, StoryTitle + "\n\n" + string.Join("\n\n", Enumerable.Range(1, 4).Select(i =>
            $"Record labels and artists agreed a new royalty rate for music downloads sold through online music stores, part {i}.")));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "Bot.dll"), "ingest", $"--Storage:Database={folder.File(StoreName)}", file })
            start.ArgumentList.Add(arg);
        using var ingest = Process.Start(start)!;
        var said = ingest.StandardOutput.ReadToEndAsync();
        var error = ingest.StandardError.ReadToEndAsync();
        // A bound for a stuck child, not a speed target: a loaded machine (the whole suite in parallel) takes minutes.
        await ingest.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(ingest.ExitCode == 0, await said + await error);
    }

    /// <summary>A copy of the store (the database and every file beside it that shares its name: write-ahead log,
    /// start-up caches) at <paramref name="database"/>.</summary>
    public void CopyTo(string database)
    {
        foreach (var file in Directory.GetFiles(folder.Path, StoreName + "*"))
            File.Copy(file, database + Path.GetFileName(file)[StoreName.Length..]);
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
