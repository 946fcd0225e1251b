using Newsdesk.Beat;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;

namespace Newsdesk.Tests.Digest;

/// <summary>The digest's cuts on made-up scores: what is shown, what "…and N more" counts, what is neither.</summary>
public sealed class DigestSelectionTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShownStoriesReachBothHeadlineCutsAndTheCountLeavesOutStoriesUnderTheCountCut()
    {
        // (title, margin, lead score): the beat cut is 0, the count cut 1, the headline cut 2 and the headline margin 1.
        var stories = new (string Title, double Margin, double Lead)[]
        {
            ("sure on both", 3, 3),
            ("sure headline, weak margin", 0.5, 3),
            ("counted", 2, 1.5),
            ("on the beat, under the count cut", 2, 0.5),
            ("off the beat", -1, 5),
        };
        var arrived = stories.Select((s, i) => new DigestCandidate(
            new ArrivedStory($"{i}.txt", s.Title, null, "feed", null, Start.AddHours(i)), s.Margin)).ToList();
        var leads = stories.ToDictionary(s => s.Title, s => s.Lead);

        var selection = DigestSelection.Choose(arrived, c => Probe(int.Parse(c.Story.DocumentSource[..1], System.Globalization.CultureInfo.InvariantCulture)),
            (c, _) => leads[c.Story.Title], new BeatCuts(0, 1, 2, 1), Start, Start.AddDays(1), 8);

        Assert.Equal(["sure on both"], selection.Chosen.Select(c => c.Lead.Story.Title));
        Assert.Equal(["sure on both", "counted", "sure headline, weak margin"], selection.Stories.Select(s => s[0].Story.Title));
        Assert.Equal(2, selection.MoreCount);
    }

    /// <summary>Orthogonal headline embeddings, so no two stories are grouped as one.</summary>
    private static float[] Probe(int index)
    {
        var probe = new float[8];
        probe[index] = 1;
        return probe;
    }
}
