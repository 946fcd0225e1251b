using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Discord;
using Newsdesk.Discord.Commands;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Beat;

/// <summary>The beat decides what the bot says it follows: /sources lists, and a decline's nearest stories name, only
/// music-industry stories, though the store holds film and business stories too.</summary>
public sealed class BeatVerdictTests
{
    private static readonly string[] Files = ["tech/092.txt", "entertainment/103.txt", "entertainment/098.txt", "entertainment/068.txt", "business/002.txt"];

    private static async Task<Microsoft.Extensions.Hosting.IHost> HostAsync(TemporaryFolder folder)
    {
        foreach (var file in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(folder.File("bbc/" + file))!);
            File.Copy(Path.Combine(TestPaths.BbcCorpus, file), folder.File("bbc/" + file));
        }
        return await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("bbc")]);
    }

    [SharedFact]
    public async Task SourcesListsOnlyTheStoriesOnTheBeat()
    {
        using var folder = new TemporaryFolder();
        using var host = await HostAsync(folder);
        var info = ActivatorUtilities.CreateInstance<DiscordInfoCommands>(host.Services);

        var listed = (await info.SourcesAsync(null, default)).Embeds![0].Description!;

        Assert.Contains("Norway upholds", listed, StringComparison.Ordinal);
        Assert.Contains("Downloads enter US singles chart", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Da Vinci", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Dollar gains", listed, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task ADeclineNamesOnlyNearbyStoriesOnTheBeat()
    {
        using var folder = new TemporaryFolder();
        using var host = await HostAsync(folder);

        var answer = await host.Services.GetRequiredService<IQuestionAnswerer>()
            .AnswerAsync(new Question("Which actress will star in the Da Vinci Code sequel in 2011?"), default);

        Assert.False(answer.IsAnswered, answer.Text);
        Assert.DoesNotContain(answer.NearbyTopics, t => t.Contains("Da Vinci", StringComparison.Ordinal));
        Assert.DoesNotContain("Da Vinci film", answer.Text, StringComparison.Ordinal);
    }
}
