using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Corpus;
using Newsdesk.Hosting;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hosting;

/// <summary>Relative paths in settings name places under the content root (the program's folder), whatever the
/// current directory is; absolute ones are kept.</summary>
public sealed class ContentRootTests
{
    [Fact]
    public void RelativeSettingsResolveAgainstTheContentRootAndAbsoluteOnesAreKept()
    {
        using var folder = new TemporaryFolder();
        using var host = CoreHost.Create("data/news.db", [folder.Path], new Dictionary<string, string?> { ["Answering:PromptsDirectory"] = "prompts" });

        var root = ContentRoot.Path;
        Assert.Equal(Path.Combine(root, "data", "news.db"), host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Database);
        Assert.Equal(Path.Combine(root, "prompts"), host.Services.GetRequiredService<IOptions<AnsweringOptions>>().Value.PromptsDirectory);
        Assert.Equal([folder.Path], host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.Folders);
    }

    [Fact]
    public void TheContentRootIsTheProgramsFolderUnlessTheVariableMovesIt()
    {
        var expected = Environment.GetEnvironmentVariable(ContentRoot.Variable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : AppContext.BaseDirectory;

        Assert.Equal(expected, ContentRoot.Path);
        Assert.Equal("/var/lib/newsdesk/newsdesk.db", ContentRoot.Resolve(ContentRoot.Path, "/var/lib/newsdesk/newsdesk.db"));
    }
}
