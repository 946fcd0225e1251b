namespace Newsdesk.Tests.Support;

/// <summary>Where tests find the repository and the shared material. <c>../shared</c> (next to the repository) is
/// the default; the one setting NEWSDESK_SHARED points elsewhere. A fresh clone has no shared folder, and tests that
/// need it skip with that reason.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Shared { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("NEWSDESK_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "..", "shared"));

    public static bool HasShared => Directory.Exists(Path.Combine(Shared, "fixtures")) && Directory.Exists(Path.Combine(Shared, "corpus"));

    public static string SharedMissingReason =>
        $"The shared material is not at {Shared} (set NEWSDESK_SHARED to point at it); a fresh clone has none.";

    public static string Seeds => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static string BbcCorpus => Path.Combine(Shared, "corpus", "bbc");

    public static string Fixture(params string[] parts) => Path.Combine([Shared, "fixtures", .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bot.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
