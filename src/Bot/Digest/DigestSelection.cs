using Newsdesk.Beat;

namespace Newsdesk.Digest;

/// <summary>Which of a window's stories a digest shows and how many more it counts: the part of composing a digest that
/// decides relevance, grouping and order, apart from summaries and formatting, so that an evaluation can run exactly
/// this over simulated days.
/// Relevance: stories off the beat are neither shown nor counted. Grouping: a story whose headline and lede read almost
/// as a stronger story's (or that has its headline) is the same story from another source, and is listed under it.
/// Importance: centrality to the beat (the classifier's probability), how many sources carry the story, and how new it
/// is. Only stories the classifier is sure of lead (its lead score at the headline cut fitted for precision); the
/// other stories on the beat whose lead score reaches the count cut are counted in the closing line (<see cref="BeatCuts"/>).</summary>
/// <param name="Chosen">The stories shown, most important first, at most the digest's length.</param>
/// <param name="Stories">The stories shown, then those counted in "…and N more" (near-duplicates grouped, strongest
/// report first).</param>
public sealed record DigestSelection(IReadOnlyList<ChosenStory> Chosen, IReadOnlyList<IReadOnlyList<DigestCandidate>> Stories)
{
    private const double RecencyWeight = 0.1;
    private const double CoverageWeight = 0.15;
    // Cosine between two stories' headline+lede embeddings at or above which they are one story from two sources.
    // Measured on BBC pairs with ArcticXs: near-copies 0.99-1.00, one story under another headline with its last
    // paragraphs cut 0.97; different stories on one running topic (two Elvis chart weeks, two Band Aid chart weeks,
    // the US and the UK download charts, OutKast's awards) 0.68-0.86.
    internal const double DuplicateThreshold = 0.93;

    /// <summary>Stories counted but not shown: the "…and N more" count.</summary>
    public int MoreCount => Stories.Count - Chosen.Count;

    /// <summary>Chooses a digest from the stories that arrived between <paramref name="after"/> and
    /// <paramref name="until"/>, with the classifier's lead score and cuts. <paramref name="probe"/> embeds a story's
    /// headline and lede (<see cref="BeatClassifier.HeadlineText"/>); it is called only for stories on the beat.</summary>
    public static DigestSelection Choose(IReadOnlyList<DigestCandidate> arrived, Func<DigestCandidate, float[]> probe, BeatClassifier beat,
        DateTimeOffset after, DateTimeOffset until, int maxStories) =>
        Choose(arrived, probe, (candidate, headline) => beat.LeadScore(candidate.Margin, headline), beat.Cuts, after, until, maxStories);

    /// <summary>Chooses a digest with any lead score and cuts: the fitting runs exactly this on held-out scores.</summary>
    public static DigestSelection Choose(IReadOnlyList<DigestCandidate> arrived, Func<DigestCandidate, float[]> probe,
        Func<DigestCandidate, float[], double> leadScore, BeatCuts cuts, DateTimeOffset after, DateTimeOffset until, int maxStories)
    {
        var onBeat = arrived.Where(c => cuts.IsOnBeat(c.Margin))
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
        // A story is judged by its strongest report, under which it is shown or counted.
        var judged = stories.Select(s => (Reports: s, Lead: leadScore(s[0], probes[s[0]]))).ToList();
        var span = Math.Max((until - after).TotalSeconds, 1);
        double Importance(List<DigestCandidate> story) => BeatClassifier.Centrality(story[0].Margin)
            + CoverageWeight * Math.Log2(story.Count)
            + RecencyWeight * Math.Clamp(1 - (until - story.Max(c => c.Story.ArrivedAt)).TotalSeconds / span, 0, 1);
        var chosen = judged.Where(s => cuts.IsShown(s.Reports[0].Margin, s.Lead))
            .Select(s => new ChosenStory(s.Reports, probes[s.Reports[0]], Importance(s.Reports))).OrderByDescending(s => s.Importance)
            .Take(maxStories).ToList();
        var shown = chosen.Select(c => c.Reports).ToHashSet(ReferenceEqualityComparer.Instance);
        var counted = judged.Where(s => !shown.Contains(s.Reports) && cuts.IsCounted(s.Reports[0].Margin, s.Lead)).Select(s => s.Reports);
        return new DigestSelection(chosen, [.. chosen.Select(c => c.Reports), .. counted]);
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
