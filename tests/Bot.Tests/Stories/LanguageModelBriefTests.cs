using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Answering;
using Newsdesk.Stories;
using Newsdesk.Tests.Fakes.LanguageModel;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Stories;

/// <summary>The language-model brief against a fake OpenAI-compatible server on loopback: the model's lines that the
/// cited sentences support are kept, the rest go; a failing or ungrounded model gives way to the offline brief, which
/// says so.</summary>
public sealed class LanguageModelBriefTests : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private FakeLanguageModel model = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        model = await FakeLanguageModel.StartAsync();
        host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds], model.BackendSettings(("Answering:TimeoutSeconds", "20")));
    }

    private Task<StoryBrief> BriefAsync() => host.Services.GetRequiredService<StoryBriefComposer>().BuildAsync("AllofMP3", CancellationToken.None);

    [Fact]
    public async Task TheModelsGroundedLinesMakeTheBriefAndItsUngroundedOnesGo()
    {
        model.Reply = (prompt, _) => Task.FromResult(FakeLanguageModel.Completion($"""
            SUMMARY: MediaServices is still selling cut-price music, so the international legal posturing is set to continue [{prompt.PassageContaining("combative firm")}]
            CLAIM: MediaServices | MediaServices argued that it pays royalties from its cut-price tracks to Russian collection societies [{prompt.PassageContaining("always argued")}]
            CLAIM: BPI | The BPI was unsure how the shutdown would affect its legal attack [{prompt.PassageContaining("unsure how")}]
            CLAIM: Sony BMG | Sony BMG said AllofMP3 owed it $5m in royalties [{prompt.PassageContaining("always argued")}]
            CLAIM: MediaServices | MediaServices was fined 20 million roubles by a Moscow court [{prompt.PassageContaining("always argued")}]
            OPEN: The BPI was unsure how the shutdown would affect its legal attack [{prompt.PassageContaining("unsure how")}]
            """));

        var brief = await BriefAsync();

        Assert.Equal("fake-model", brief.ComposedBy);
        Assert.Null(brief.FallbackReason);
        Assert.StartsWith("MediaServices is still selling cut-price music", brief.Summary!.Text, StringComparison.Ordinal);
        var media = Assert.Single(brief.Parties.Single(p => p.Name == "MediaServices").Claims);
        Assert.Equal(("argued", 1), (media.Verb, media.Line.Source));
        Assert.Contains("unsure how the shutdown", Assert.Single(brief.Parties.Single(p => p.Mentions.Contains("BPI")).Claims).Line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(brief.Parties.SelectMany(p => p.Claims), c => c.Line.Text.Contains("Sony", StringComparison.Ordinal) || c.Line.Text.Contains("roubles", StringComparison.Ordinal));
        Assert.Equal("The BPI was unsure how the shutdown would affect its legal attack", Assert.Single(brief.OpenPoints).Text);
        // The timeline and the contested point stay the builder's: the model dates nothing.
        Assert.Equal(6, brief.Timeline.Count);
        Assert.Equal(2, brief.ContestedPoints.Count);
    }

    [Fact]
    public async Task AFailingModelFallsBackToTheOfflineBriefAndSaysSo()
    {
        model.Reply = (_, _) => Task.FromResult(Results.StatusCode(500));

        var brief = await BriefAsync();

        Assert.Equal(StoryBriefComposer.Unavailable, brief.FallbackReason);
        Assert.Null(brief.ComposedBy);
        Assert.Contains(brief.Parties.Single(p => p.Name == "MediaServices").Claims, c => c.Line.Text.Contains("pays royalties", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AModelBriefWithNoGroundedLineFallsBackToTheOfflineBriefAndSaysSo()
    {
        model.Reply = (_, _) => Task.FromResult(FakeLanguageModel.Completion("SUMMARY: Sony BMG bought AllofMP3 for $5m in 2008 [1]\nSure, here is your brief!"));

        var brief = await BriefAsync();

        Assert.Equal(StoryBriefComposer.Ungrounded, brief.FallbackReason);
        Assert.StartsWith("MediaServices, the combative firm", brief.Summary!.Text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await model.DisposeAsync();
        folder.Dispose();
    }
}
