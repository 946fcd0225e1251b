using Microsoft.Extensions.Options;
using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>Hybrid retrieval: BM25 and dense rankings fused by reciprocal rank, duplicates collapsed, coverage judged.</summary>
public sealed class PassageRetriever(
    PassageIndexHolder indexHolder,
    LexicalRanker lexical,
    PassageEmbedder embedder,
    CoverageJudge judge,
    IOptions<RetrievalOptions> options)
{
    public async Task<RetrievalResult> RetrieveAsync(string question, CancellationToken cancellationToken)
    {
        var lexicalHits = await lexical.RankAsync(question, options.Value.Candidates, cancellationToken);
        return Retrieve(question, lexicalHits, embedder.EmbedQuery(question, cancellationToken));
    }

    /// <summary>Retrieval with the question's vector already made (<see cref="PassageEmbedder.EmbedQuery"/> of it, or
    /// the same from a batch): a caller searching several texts at once embeds them in one model call.</summary>
    public async Task<RetrievalResult> RetrieveAsync(string question, float[] queryVector, CancellationToken cancellationToken) =>
        Retrieve(question, await lexical.RankAsync(question, options.Value.Candidates, cancellationToken), queryVector);

    private RetrievalResult Retrieve(string question, IReadOnlyList<(long PassageId, double Score)> lexicalHits, float[] queryVector)
    {
        var index = indexHolder.Current;
        var settings = options.Value;
        var denseHits = index.Nearest(queryVector, settings.Candidates);

        var lexicalRanking = lexicalHits.Select(h => h.PassageId).ToList();
        var denseRanking = denseHits.Select(h => h.Passage.Id).ToList();
        var fused = RankFusion.Fuse(settings.FusionK, lexicalRanking, denseRanking);

        var chosen = new List<RetrievedPassage>();
        var seenTexts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, score) in fused)
        {
            if (chosen.Count == settings.PassagesToCompose) break;
            var passage = index.Find(id);
            // The BBC set holds byte-identical copies of some stories; citing both adds nothing.
            if (passage is null || !seenTexts.Add(passage.Text)) continue;
            var lexicalRank = lexicalRanking.IndexOf(id);
            var denseRank = denseRanking.IndexOf(id);
            var sentences = index.Sentences(id, queryVector);
            chosen.Add(new RetrievedPassage(passage, score,
                lexicalRank >= 0 ? lexicalRank : null,
                denseRank >= 0 ? denseRank : null,
                sentences.Count == 0 ? 0 : sentences.Max(s => s.Cosine),
                sentences) { SentenceBefore = index.SentenceBefore(id) });
        }

        var evidence = judge.Gather(question, chosen, index.Terms, denseHits.Select(h => h.Cosine).ToList());
        return new RetrievalResult(chosen, evidence, judge.IsCovered(evidence), index.Terms) { MayAnswer = judge.MayAnswer(evidence) };
    }
}
