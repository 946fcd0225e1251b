using System.Globalization;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Retrieval;

namespace Newsdesk.Digest;

/// <summary>Builds a digest from the stories that arrived in a window. Which stories are shown, grouped and counted is
/// <see cref="DigestSelection"/>'s decision; a byte-for-byte copy, which ingest remembers but does not store again, is
/// listed as another source of its story too.
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
    // Cosine between one story's headline+lede and another's best sentence above which they are one running topic.
    // Measured on BBC pairs with ArcticXs: a story against itself 0.81-0.86, one running story (the US download chart
    // and the indie download campaign; peer-to-peer convictions and BitTorrent successors) 0.73-0.77, same beat but
    // different stories 0.64-0.72, other beats 0.52-0.62.
    internal const double TopicThreshold = 0.75;
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
        var selection = DigestSelection.Choose(
            arrived.Where(a => passagesOf.ContainsKey(a.DocumentSource))
                .Select(a => new DigestCandidate(a, beat.Margin(snapshot, passagesOf[a.DocumentSource]))).ToList(),
            c => embedder.EmbedQuery(BeatClassifier.HeadlineText(c.Story.Title, passagesOf[c.Story.DocumentSource][0].Text), cancellationToken),
            beat, after, until, options.Value.MaxStories);

        var copies = (await items.ListCopiesAsync(after, until, cancellationToken)).ToLookup(c => c.DocumentSource, StringComparer.Ordinal);
        var topics = new List<(List<DigestStory> Stories, List<StoredPassage> Passages)>();
        foreach (var chosen in selection.Chosen)
        {
            var lead = chosen.Lead.Story;
            var passages = passagesOf[lead.DocumentSource];
            var summary = await SummarizeAsync(snapshot, lead.Title, passages, cancellationToken);
            var also = OtherSources(chosen.Reports, copies);
            var item = new DigestStory(lead.Title, lead.Link, SourceLabel(lead), summary, chosen.Importance,
                chosen.Reports.Max(c => c.Story.ArrivedAt), also.Count == 0 ? null : also);
            // The closest earlier topic, if close enough: a story belongs to one running topic at most.
            var home = topics.Select(t => (Topic: t, Cosine: BestCosine(snapshot, t.Passages, chosen.LeadProbe)))
                .Where(t => t.Cosine >= TopicThreshold).OrderByDescending(t => t.Cosine).Select(t => t.Topic).FirstOrDefault();
            if (home.Stories is not null) home.Stories.Add(item);
            else topics.Add(([item], passages));
        }
        return new DigestContent(heading, topics.Select(t => new DigestTopic(t.Stories)).ToList(), selection.MoreCount);
    }

    /// <summary>What a reader is told the story came from: the feed's name, or the imported file's path. Stores written
    /// before imports carried their path name every import "import"; the file's name says more.</summary>
    internal static string SourceLabel(ArrivedStory story) =>
        story.FeedName is LegacyImportName or "" ? Path.GetFileName(story.DocumentSource) : story.FeedName;

    private const string LegacyImportName = "import";

    /// <summary>The story's sources after its lead's own: each near-duplicate, and each byte-for-byte copy that was
    /// remembered but not stored again (of the lead or of a near-duplicate), each source once.</summary>
    private static List<DigestSource> OtherSources(IReadOnlyList<DigestCandidate> story, ILookup<string, StoryCopy> copies)
    {
        var lead = new DigestSource(SourceLabel(story[0].Story), story[0].Story.Link);
        return story.SelectMany((c, i) => (i == 0 ? [] : new[] { new DigestSource(SourceLabel(c.Story), c.Story.Link) })
                .Concat(copies[c.Story.DocumentSource].Select(copy => new DigestSource(CopyLabel(copy), copy.Link))))
            .Where(source => source != lead).Distinct().ToList();
    }

    // Copies are remembered only since imports carried their path name, so a copy's feed name is never "import".
    private static string CopyLabel(StoryCopy copy) => copy.FeedName is { Length: > 0 } name ? name : copy.Link?.Host ?? "another feed";

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
}
