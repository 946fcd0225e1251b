namespace Newsdesk.Hosting;

/// <summary>Where relative paths in settings (<c>Storage:Database</c>, <c>Corpus:Folders</c>,
/// <c>Answering:PromptsDirectory</c>) and <c>appsettings.json</c> are found: the program's own folder, which carries
/// <c>prompts/</c>, <c>seeds/</c> and <c>appsettings.json</c>, so a service started from <c>/</c> works (the default
/// store, <c>data/newsdesk.db</c>, is then beside the program too). The standard <c>DOTNET_CONTENTROOT</c> variable
/// moves it.</summary>
public static class ContentRoot
{
    public const string Variable = "DOTNET_CONTENTROOT";

    public static string Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
        ? System.IO.Path.GetFullPath(configured)
        : AppContext.BaseDirectory;

    /// <summary>A relative path made absolute under the content root; an absolute one unchanged.</summary>
    public static string Resolve(string contentRoot, string path) =>
        System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, path));
}
