using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Retrieval;
using Newsdesk.Stories;
using Newsdesk.Tests.Support;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Stories;

/// <summary>Briefs over the seed and BBC store, scored against the hand-written references, tuning and test parts
/// apart. The floors sit just under the figures measured when the builder was last tuned (on the tuning part only).</summary>
[Collection(Evaluation.EvaluationCollection.Name)]
public sealed class StoryBriefEvaluationTests(Evaluation.EvaluationFixture fixture, ITestOutputHelper output)
{
    [SharedFact]
    public async Task BriefsMeetTheirFloorsOnTheTuningAndTheTestPart()
    {
        var scores = await ScoreAsync();
        var tuning = scores["tuning"];
        var test = scores["test"];
        output.WriteLine($"tuning: {tuning}");
        output.WriteLine($"test: {test}");

        Assert.True(tuning.CitationSupport >= 0.99, tuning.ToString());
        Assert.True(test.CitationSupport >= 0.99, test.ToString());
        Assert.True(tuning.PartyPrecision >= StoryFloors.TuningPartyPrecision && test.PartyPrecision >= StoryFloors.TestPartyPrecision, $"{tuning}\n{test}");
        Assert.True(tuning.PartyRecall >= StoryFloors.TuningPartyRecall && test.PartyRecall >= StoryFloors.TestPartyRecall, $"{tuning}\n{test}");
        Assert.True(tuning.AttributionAccuracy >= StoryFloors.TuningAttribution && test.AttributionAccuracy >= StoryFloors.TestAttribution, $"{tuning}\n{test}");
        Assert.True(tuning.DateAccuracy >= StoryFloors.TuningDates && test.DateAccuracy >= StoryFloors.TestDates, $"{tuning}\n{test}");
        Assert.True(tuning.OrderAccuracy >= StoryFloors.TuningOrder && test.OrderAccuracy >= StoryFloors.TestOrder, $"{tuning}\n{test}");
    }

    private async Task<Dictionary<string, BriefScore>> ScoreAsync()
    {
        var references = ReferenceBrief.Load(Path.Combine(AppContext.BaseDirectory, "Stories", "reference-briefs.json"));
        using var host = CoreHost.Create(await fixture.SeedAndBbcStoreAsync(), []);
        var holder = host.Services.GetRequiredService<PassageIndexHolder>();
        // Reload only: synchronising with no corpus folders would empty the store.
        await holder.ReloadAsync(CancellationToken.None);
        var builder = host.Services.GetRequiredService<StoryBriefBuilder>();
        var scores = new Dictionary<string, BriefScore> { ["tuning"] = BriefScore.Zero, ["test"] = BriefScore.Zero };
        foreach (var reference in references)
        {
            var brief = await builder.BuildAsync(reference.Topic, CancellationToken.None);
            string SourceText(int number)
            {
                var document = brief.Sources.First(s => s.Number == number).DocumentId;
                return string.Join("\n", holder.Current.Passages.Where(p => p.DocumentId == document).OrderBy(p => p.Ordinal).Select(p => p.Text));
            }
            var score = BriefScorer.Score(reference, brief, SourceText);
            output.WriteLine($"{reference.Split} {reference.Topic} [{string.Join(", ", brief.Sources.Select(s => s.Source))}]: {score}");
            output.WriteLine($"    parties: {string.Join(" | ", brief.Parties.Select(p => $"{p.Name} ({p.Claims.Count})"))}");
            scores[reference.Split] += score;
        }
        return scores;
    }
}
