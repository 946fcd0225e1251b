using System.Globalization;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Retrieval;

namespace Newsdesk.Digest;

/// <summary>Builds a digest from the stories that arrived in a window.
/// Relevance: the beat classifier decides which stories are music-industry news; the rest are neither shown nor counted.
/// Grouping: a story whose headline and lede read almost as a stronger story's (or that has its headline) is the same
/// story from another source, and is listed under it; so is a byte-for-byte copy, which ingest remembers but does not
/// store again. Importance: centrality to the beat (the classifier's
/// probability), how many sources carry the story, and how new it is. Only stories the classifier is sure of lead
/// (its lead score, with a second look at the headline and lede when the fit has one, at the headline threshold fitted for
/// precision); the other on-beat stories are counted in the closing line.
/// Summaries: the story's headline is put as the question to the offline composer, through the Kernel, and its first
/// one or two chosen sentences are kept: every word is the article's own (extractive, grounded by construction).
/// Topics: a story joins an earlier (higher-ranked) one when its headline and lede are close to that story's text.</summary>
public sealed class DigestComposer(
    IFeedItemStore items,
    PassageIndexHolder index,
    PassageEmbedder embedder,
    ComposerFunctions composers,
    BeatClassifier beat,
    IOptions<DigestOptions> options)
{
    private const double RecencyWeight = 0.1;
    private const double CoverageWeight = 0.15;
    // Cosine between one story's headline+lede and another's best sentence above which they are one running topic.
    // Measured on BBC pairs with ArcticXs: a story against itself 0.81-0.86, one running story (the US download chart
    // and the indie download campaign; peer-to-peer convictions and BitTorrent successors) 0.73-0.77, same beat but
    // different stories 0.64-0.72, other beats 0.52-0.62.
    internal const double TopicThreshold = 0.75;
    // Cosine between two stories' headline+lede embeddings at or above which they are one story from two sources.
    // Measured on BBC pairs with ArcticXs: near-copies 0.99-1.00, one story under another headline with its last
    // paragraphs cut 0.97; different stories on one running topic (two Elvis chart weeks, two Band Aid chart weeks,
    // the US and the UK download charts, OutKast's awards) 0.68-0.86.
    internal const double DuplicateThreshold = 0.93;
    private const int SummarySentences = 2;
    private const int SummaryMaxChars = 420;

    public async Task<DigestContent> ComposeAsync(DateTimeOffset after, DateTimeOffset until, DateTimeOffset localDay, CancellationToken cancellationToken)
    {
        var heading = localDay.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var arrived = await items.ListArrivedAsync(after, until, cancellationToken);
        if (arrived.Count == 0) return new DigestContent(heading, [], 0);

        await index.WhenLoadedAsync(cancellationToken);
        var snapshot = index.Current;
        var wanted = arrived.Select(a => a.DocumentSource).ToHashSet(StringComparer.Ordinal);
        var passagesOf = snapshot.Passages.Where(p => wanted.Contains(p.Source))
            .GroupBy(p => p.Source).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Ordinal).ToList(), StringComparer.Ordinal);
        var onBeat = arrived.Where(a => passagesOf.ContainsKey(a.DocumentSource))
            .Select(a => new Candidate(a, passagesOf[a.DocumentSource], beat.Margin(snapshot, passagesOf[a.DocumentSource])))
            .Where(c => beat.IsOnBeat(c.Margin))
            .OrderByDescending(c => c.Margin).ThenBy(c => c.Story.Title, StringComparer.Ordinal).ToList();

        var stories = new List<List<Candidate>>();
        foreach (var candidate in onBeat)
        {
            candidate.Probe = embedder.EmbedQuery(BeatClassifier.HeadlineText(candidate.Story.Title, candidate.Passages[0].Text), cancellationToken);
            var same = stories.FirstOrDefault(s => IsSameStory(s[0], candidate));
            if (same is not null) same.Add(candidate);
            else stories.Add([candidate]);
        }
        var span = Math.Max((until - after).TotalSeconds, 1);
        double Importance(List<Candidate> story) => BeatClassifier.Centrality(story[0].Margin)
            + CoverageWeight * Math.Log2(story.Count)
            + RecencyWeight * Math.Clamp(1 - (until - story.Max(c => c.Story.ArrivedAt)).TotalSeconds / span, 0, 1);
        var chosen = stories.Where(s => beat.IsHeadline(s[0].Margin, beat.LeadScore(s[0].Margin, s[0].Probe!)))
            .Select(s => (Story: s, Importance: Importance(s))).OrderByDescending(s => s.Importance)
            .Take(options.Value.MaxStories).ToList();

        var copies = (await items.ListCopiesAsync(after, until, cancellationToken)).ToLookup(c => c.DocumentSource, StringComparer.Ordinal);
        var topics = new List<(List<DigestStory> Stories, List<StoredPassage> Passages)>();
        foreach (var (story, importance) in chosen)
        {
            var lead = story[0];
            var summary = await SummarizeAsync(snapshot, lead.Story.Title, lead.Passages, cancellationToken);
            var also = OtherSources(story, copies);
            var item = new DigestStory(lead.Story.Title, lead.Story.Link, SourceLabel(lead.Story), summary, importance,
                story.Max(c => c.Story.ArrivedAt), also.Count == 0 ? null : also);
            // The closest earlier topic, if close enough: a story belongs to one running topic at most.
            var home = topics.Select(t => (Topic: t, Cosine: BestCosine(snapshot, t.Passages, lead.Probe!)))
                .Where(t => t.Cosine >= TopicThreshold).OrderByDescending(t => t.Cosine).Select(t => t.Topic).FirstOrDefault();
            if (home.Stories is not null) home.Stories.Add(item);
            else topics.Add(([item], lead.Passages));
        }
        return new DigestContent(heading, topics.Select(t => new DigestTopic(t.Stories)).ToList(), stories.Count - chosen.Count);
    }

    /// <summary>What a reader is told the story came from: the feed's name, or the imported file's path. Stores written
    /// before imports carried their path name every import "import"; the file's name says more.</summary>
    internal static string SourceLabel(ArrivedStory story) =>
        story.FeedName is LegacyImportName or "" ? Path.GetFileName(story.DocumentSource) : story.FeedName;

    private const string LegacyImportName = "import";

    /// <summary>The story's sources after its lead's own: each near-duplicate, and each byte-for-byte copy that was
    /// remembered but not stored again (of the lead or of a near-duplicate), each source once.</summary>
    private static List<DigestSource> OtherSources(List<Candidate> story, ILookup<string, StoryCopy> copies)
    {
        var lead = new DigestSource(SourceLabel(story[0].Story), story[0].Story.Link);
        return story.SelectMany((c, i) => (i == 0 ? [] : new[] { new DigestSource(SourceLabel(c.Story), c.Story.Link) })
                .Concat(copies[c.Story.DocumentSource].Select(copy => new DigestSource(CopyLabel(copy), copy.Link))))
            .Where(source => source != lead).Distinct().ToList();
    }

    // Copies are remembered only since imports carried their path name, so a copy's feed name is never "import".
    private static string CopyLabel(StoryCopy copy) => copy.FeedName is { Length: > 0 } name ? name : copy.Link?.Host ?? "another feed";

    private static bool IsSameStory(Candidate stronger, Candidate candidate) =>
        string.Equals(Normalize(stronger.Story.Title), Normalize(candidate.Story.Title), StringComparison.Ordinal)
        || Cosine(stronger.Probe!, candidate.Probe!) >= DuplicateThreshold;

    private static double Cosine(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static string Normalize(string title) => string.Join(' ', title.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<string> SummarizeAsync(PassageIndex snapshot, string title, IReadOnlyList<StoredPassage> passages, CancellationToken cancellationToken)
    {
        var question = embedder.EmbedQuery(title, cancellationToken);
        var retrieved = passages.Take(3).Select(p =>
        {
            var sentences = snapshot.Sentences(p.Id, question);
            return new RetrievedPassage(p, 0, null, null, sentences.Count == 0 ? 0 : sentences.Max(s => s.Cosine), sentences);
        }).ToList();
        var composition = await composers.ComposeOfflineAsync(title, retrieved, snapshot.Terms, cancellationToken);
        var sentences = composition.Sentences.Take(SummarySentences).Select(s => s.Text.Trim()).ToList();
        if (sentences.Count == 0) sentences = [passages[0].Text];
        var summary = string.Join(' ', sentences);
        return summary.Length <= SummaryMaxChars ? summary : string.Concat(summary.AsSpan(0, SummaryMaxChars - 1).TrimEnd(), "…");
    }

    private static double BestCosine(PassageIndex snapshot, IReadOnlyList<StoredPassage> passages, float[] query) =>
        passages.SelectMany(p => snapshot.Sentences(p.Id, query)).Select(s => (double)s.Cosine).DefaultIfEmpty(0).Max();

    private sealed class Candidate(ArrivedStory story, List<StoredPassage> passages, double margin)
    {
        public ArrivedStory Story { get; } = story;
        public List<StoredPassage> Passages { get; } = passages;
        public double Margin { get; } = margin;
        public float[]? Probe { get; set; }
    }
}
