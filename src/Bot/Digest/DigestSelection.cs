using Newsdesk.Beat;

namespace Newsdesk.Digest;

/// <summary>Which of a window's stories a digest shows and how many more it counts: the part of composing a digest that
/// decides relevance, grouping and order, apart from summaries and formatting, so that an evaluation can run exactly
/// this over simulated days.
/// Relevance: stories off the beat are neither shown nor counted. Grouping: a story whose headline and lede read almost
/// as a stronger story's (or that has its headline) is the same story from another source, and is listed under it.
/// Importance: centrality to the beat (the classifier's probability), how many sources carry the story, and how new it
/// is. Only stories the classifier is sure of lead (its lead score at the headline threshold fitted for precision); the
/// other stories on the beat are counted in the closing line.</summary>
/// <param name="Chosen">The stories shown, most important first, at most the digest's length.</param>
/// <param name="Stories">Every story on the beat (near-duplicates grouped, strongest report first), shown or not.</param>
public sealed record DigestSelection(IReadOnlyList<ChosenStory> Chosen, IReadOnlyList<IReadOnlyList<DigestCandidate>> Stories)
{
    private const double RecencyWeight = 0.1;
    private const double CoverageWeight = 0.15;
    // Cosine between two stories' headline+lede embeddings at or above which they are one story from two sources.
    // Measured on BBC pairs with ArcticXs: near-copies 0.99-1.00, one story under another headline with its last
    // paragraphs cut 0.97; different stories on one running topic (two Elvis chart weeks, two Band Aid chart weeks,
    // the US and the UK download charts, OutKast's awards) 0.68-0.86.
    internal const double DuplicateThreshold = 0.93;

    /// <summary>Stories on the beat that arrived but are not shown: the "…and N more" count.</summary>
    public int MoreCount => Stories.Count - Chosen.Count;

    /// <summary>Chooses a digest from the stories that arrived between <paramref name="after"/> and
    /// <paramref name="until"/>. <paramref name="probe"/> embeds a story's headline and lede
    /// (<see cref="BeatClassifier.HeadlineText"/>); it is called only for stories on the beat.</summary>
    public static DigestSelection Choose(IReadOnlyList<DigestCandidate> arrived, Func<DigestCandidate, float[]> probe, BeatClassifier beat,
        DateTimeOffset after, DateTimeOffset until, int maxStories)
    {
        var onBeat = arrived.Where(c => beat.IsOnBeat(c.Margin))
            .OrderByDescending(c => c.Margin).ThenBy(c => c.Story.Title, StringComparer.Ordinal).ToList();
        var probes = new Dictionary<DigestCandidate, float[]>(ReferenceEqualityComparer.Instance);
        var stories = new List<List<DigestCandidate>>();
        foreach (var candidate in onBeat)
        {
            probes[candidate] = probe(candidate);
            var same = stories.FirstOrDefault(s => IsSameStory(s[0], candidate, probes));
            if (same is not null) same.Add(candidate);
            else stories.Add([candidate]);
        }
        var span = Math.Max((until - after).TotalSeconds, 1);
        double Importance(List<DigestCandidate> story) => BeatClassifier.Centrality(story[0].Margin)
            + CoverageWeight * Math.Log2(story.Count)
            + RecencyWeight * Math.Clamp(1 - (until - story.Max(c => c.Story.ArrivedAt)).TotalSeconds / span, 0, 1);
        var chosen = stories.Where(s => beat.IsHeadline(s[0].Margin, beat.LeadScore(s[0].Margin, probes[s[0]])))
            .Select(s => new ChosenStory(s, probes[s[0]], Importance(s))).OrderByDescending(s => s.Importance)
            .Take(maxStories).ToList();
        return new DigestSelection(chosen, stories);
    }

    private static bool IsSameStory(DigestCandidate stronger, DigestCandidate candidate, Dictionary<DigestCandidate, float[]> probes) =>
        string.Equals(Normalize(stronger.Story.Title), Normalize(candidate.Story.Title), StringComparison.Ordinal)
        || Cosine(probes[stronger], probes[candidate]) >= DuplicateThreshold;

    internal static double Cosine(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static string Normalize(string title) => string.Join(' ', title.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
