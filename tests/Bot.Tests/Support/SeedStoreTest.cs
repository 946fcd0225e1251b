using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Support;

/// <summary>A test over the real core services on a fresh store of the seed corpus: before each test the host is built
/// and its index loaded, after it both are thrown away, so no test sees another's reloads or remembered threads. A test
/// class may add stories of its own beside the seed and change settings.</summary>
public abstract class SeedStoreTest : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();

    protected IHost Host { get; private set; } = null!;

    /// <summary>Settings over the shipped ones for every test of the class; none by default.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Stories beside the seed, as file name and text; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraStories { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        List<string> corpus = [TestPaths.Seeds];
        if (ExtraStories.Count > 0)
        {
            var extra = Directory.CreateDirectory(folder.File("corpus")).FullName;
            foreach (var (name, text) in ExtraStories) await File.WriteAllTextAsync(Path.Combine(extra, name), text);
            corpus.Add(extra);
        }
        Host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), corpus, Settings);
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }

    protected Task<Answer> AskAsync(string question, params string[] earlier) =>
        Host.Services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(new Question(question, earlier), CancellationToken.None);
}
