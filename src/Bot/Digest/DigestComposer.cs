using System.Globalization;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Retrieval;

namespace Newsdesk.Digest;

/// <summary>Builds a digest from the stories that arrived in a window. Ranking: each story's best sentence's dense
/// similarity to a fixed description of the music-industry beat (the same embedding model and query form retrieval
/// uses), plus a small bonus for arriving late in the window, so among equally relevant stories the fresher leads.
/// Summaries: the story's headline is put as the question to the offline composer, through the Kernel, and its first
/// one or two chosen sentences are kept: every word is the article's own (extractive, grounded by construction).
/// Topics: a story joins an earlier (higher-ranked) one when its headline and lede are close to that story's text.</summary>
public sealed class DigestComposer(
    FeedItemStore items,
    PassageIndexHolder index,
    PassageEmbedder embedder,
    ComposerFunctions composers,
    IOptions<DigestOptions> options)
{
    public const string Beat = "Music industry news: record labels and artists, album and singles chart sales, digital music " +
        "downloads and online music stores, music piracy, file-sharing and copyright cases, royalties and music publishing.";

    private const double RecencyWeight = 0.05;
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
        var beat = embedder.EmbedQuery(Beat, cancellationToken);
        var span = Math.Max((until - after).TotalSeconds, 1);

        var ranked = arrived.Where(a => passagesOf.ContainsKey(a.DocumentSource))
            .Select(a => (Story: a, Score: BestCosine(snapshot, passagesOf[a.DocumentSource], beat)
                + RecencyWeight * Math.Clamp(1 - (until - a.ArrivedAt).TotalSeconds / span, 0, 1)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Story.Title, StringComparer.Ordinal)
            .ToList();
        var chosen = ranked.Take(options.Value.MaxStories).ToList();

        var topics = new List<(float[] Probe, List<DigestStory> Stories, List<StoredPassage> Passages)>();
        foreach (var (story, score) in chosen)
        {
            var passages = passagesOf[story.DocumentSource];
            var lede = passages[0].Text.Length > 300 ? passages[0].Text[..300] : passages[0].Text;
            var probe = embedder.EmbedQuery($"{story.Title}. {lede}", cancellationToken);
            var summary = await SummarizeAsync(snapshot, story.Title, passages, cancellationToken);
            var item = new DigestStory(story.Title, story.Link, story.FeedName, summary, score, story.ArrivedAt);
            // The closest earlier topic, if close enough: a story belongs to one running topic at most.
            var home = topics.Select(t => (Topic: t, Cosine: BestCosine(snapshot, t.Passages, probe)))
                .Where(t => t.Cosine >= TopicThreshold).OrderByDescending(t => t.Cosine).Select(t => t.Topic).FirstOrDefault();
            if (home.Stories is not null) home.Stories.Add(item);
            else topics.Add((probe, [item], passages));
        }
        return new DigestContent(heading, topics.Select(t => new DigestTopic(t.Stories)).ToList(), ranked.Count - chosen.Count);
    }

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
