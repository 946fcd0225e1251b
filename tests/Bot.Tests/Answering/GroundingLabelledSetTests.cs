using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.LanguageModel;
using Newsdesk.Tests.Support;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Answering;

/// <summary>The grounding check on a labelled set of model replies (grounding-replies.jsonl), each sent by the fake
/// OpenAI-compatible server through the whole pipeline: faithful paraphrases of the seed must survive; invented
/// figures, names, dates and claims must be dropped. Reports precision and recall of what is kept.</summary>
public sealed class GroundingLabelledSetTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Measured on 2026-11-30: 44 replies, 24 faithful; all 24 kept (recall 100%), 2 of 20 invented kept (precision
    // 92.3%: two invented claims worded from the passage's own words). Floors just under.
    private const double MinPrecision = 0.9;
    private const double MinRecall = 0.95;

    private readonly TemporaryFolder folder = new();
    private FakeLanguageModel model = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        model = await FakeLanguageModel.StartAsync();
        host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds], model.BackendSettings(("Retrieval:PassagesToCompose", "10")));
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await model.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task FaithfulParaphrasesSurviveAndInventedFiguresNamesDatesAndClaimsAreDropped()
    {
        var replies = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Answering", "grounding-replies.jsonl"))
            .Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<LabelledReply>(l)!).ToList();
        Assert.True(replies.Count >= 40);
        var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
        int keptRight = 0, keptWrong = 0, faithful = replies.Count(r => r.Keep);
        var wrong = new List<string>();
        foreach (var reply in replies)
        {
            model.Reply = (prompt, _) => Task.FromResult(FakeLanguageModel.Completion($"{reply.Text.TrimEnd('.')} [{prompt.PassageContaining(reply.Cites)}]."));
            var answer = await answerer.AnswerAsync(new Question("Who shut down AllofMP3?"), CancellationToken.None);
            var kept = answer.IsAnswered && answer.Backend == "fake-model";
            if (kept && reply.Keep) keptRight++;
            if (kept && !reply.Keep) keptWrong++;
            if (kept != reply.Keep) wrong.Add($"{(reply.Keep ? "dropped" : "kept")} {reply.Kind}: {reply.Text} ({answer.Backend}, {answer.Coverage})");
        }
        var precision = keptRight / (double)Math.Max(1, keptRight + keptWrong);
        var recall = keptRight / (double)faithful;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{replies.Count} replies ({faithful} faithful): precision {precision:P1}, recall {recall:P1}\n{string.Join("\n", wrong)}"));
        Assert.True(precision >= MinPrecision && recall >= MinRecall,
            string.Create(CultureInfo.InvariantCulture, $"precision {precision:P1}, recall {recall:P1}\n{string.Join("\n", wrong)}"));
    }

    private sealed record LabelledReply(
        [property: JsonPropertyName("reply")] string Text,
        [property: JsonPropertyName("cites")] string Cites,
        [property: JsonPropertyName("keep")] bool Keep,
        [property: JsonPropertyName("kind")] string Kind);
}
