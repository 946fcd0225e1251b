using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Stories;

/// <summary>Which articles belong to a story: hybrid retrieval (BM25 and sentence vectors, fused by rank) over the
/// topic, grouped by article. The best article anchors the story; others join only when their words (TF-IDF) are close
/// to the anchor's, as follow-ups of one dispute share its names, so one brief does not mix two disputes that merely
/// share a theme. The next best become "related stories".</summary>
public sealed class StoryArticleFinder(
    PassageIndexHolder indexHolder,
    LexicalRanker lexical,
    PassageEmbedder embedder,
    IKnowledgeStore store,
    IOptions<StoryOptions> options,
    IOptions<RetrievalOptions> retrievalOptions,
    ILogger<StoryArticleFinder> logger)
{
    public async Task<(IReadOnlyList<StoryArticle> Articles, IReadOnlyList<string> Related)> FindAsync(string topic, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var index = indexHolder.Current;
        var lexicalHits = await lexical.RankAsync(topic, settings.Candidates, cancellationToken);
        var denseHits = index.Nearest(embedder.EmbedQuery(topic, cancellationToken), settings.Candidates);
        var fused = RankFusion.Fuse(retrievalOptions.Value.FusionK, lexicalHits.Select(h => h.PassageId).ToList(), denseHits.Select(h => h.Passage.Id).ToList());
        var lexicalDocuments = lexicalHits.Select(h => index.Find(h.PassageId)?.DocumentId).OfType<long>().ToHashSet();

        var ranked = fused
            .Select(f => (Passage: index.Find(f.Id), f.Score)).Where(f => f.Passage is not null)
            .GroupBy(f => f.Passage!.DocumentId)
            .Select(g => (Document: g.Key, Score: g.Max(f => f.Score), First: g.First().Passage!))
            .OrderByDescending(d => d.Score).ToList();
        if (ranked.Count == 0) return ([], []);

        var candidates = ranked.Select(r => r.Document).ToHashSet();
        var texts = index.Passages.Where(p => candidates.Contains(p.DocumentId))
            .GroupBy(p => p.DocumentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Ordinal).Select(p => p.Text).ToList());
        var anchor = TermVector.Of(string.Join(' ', texts[ranked[0].Document]), index.Terms);
        var members = new List<(long Document, StoredPassage First)>();
        var related = new List<string>();
        var seenTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in ranked)
        {
            // The BBC set holds byte-identical copies of some stories: one is enough.
            if (!seenTitles.Add(candidate.First.Title)) continue;
            // Weighing an article's terms is the costly step: only lexical matches can join, so only they are weighed.
            var isLexical = lexicalDocuments.Contains(candidate.Document);
            var similarity = members.Count == 0 ? 1.0
                : isLexical && members.Count < settings.MaxArticles ? anchor.Cosine(TermVector.Of(string.Join(' ', texts[candidate.Document]), index.Terms)) : 0.0;
            var isMember = members.Count == 0 || (isLexical && similarity >= settings.MemberSimilarity);
            logger.LogDebug("Story {Topic}: {Source} score {Score:F4} similarity {Similarity:F3} lexical {IsLexical} member {IsMember}", topic,
                candidate.First.Source, candidate.Score, similarity, isLexical, isMember);
            if (isMember) members.Add((candidate.Document, candidate.First));
            // A related story shares the topic's words, not just its neighbourhood in vector space.
            else if (related.Count < settings.RelatedStories && isLexical) related.Add(candidate.First.Title);
            else if (members.Count >= settings.MaxArticles) break;
        }

        var dates = await store.GetPublicationDatesAsync(cancellationToken);
        var articles = new List<StoryArticle>(members.Count);
        foreach (var (document, first) in members)
        {
            var sentences = index.Passages.Where(p => p.DocumentId == document).OrderBy(p => p.Ordinal)
                .SelectMany(p => SentenceSplitter.Split(p.Text)).ToList();
            var source = new StorySource(articles.Count + 1, document, first.Source, first.Title, first.Url, dates.GetValueOrDefault(document));
            articles.Add(new StoryArticle(source, sentences));
        }
        return (articles, related);
    }
}
