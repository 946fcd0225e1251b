using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A span whose surrounding words paraphrase the asked focus is tied to the question although no word is
/// shared: "how much did a song cost" against "All three sites punt tracks for between about $0.10 and $0.20".</summary>
public sealed class SpanFocusTieTests : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private IHost host = null!;

    public async Task InitializeAsync() => host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]);

    public Task DisposeAsync()
    {
        host.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task APricePuntedForIsTheAnswerToWhatASongCost()
    {
        var answer = await host.Services.GetRequiredService<IQuestionAnswerer>()
            .AnswerAsync(new Question("How much did a song cost on AllofMP3?", []), CancellationToken.None);

        Assert.Equal(AnswerCoverage.Answered, answer.Coverage);
        Assert.Contains("$0.10", answer.Text, StringComparison.Ordinal);
    }
}
