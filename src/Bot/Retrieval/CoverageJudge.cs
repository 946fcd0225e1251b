using Microsoft.Extensions.Options;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>Decides from retrieval evidence whether the corpus covers a question. Thresholds come from options,
/// tuned on the evaluation set; nothing here looks for particular words.</summary>
public sealed class CoverageJudge(IOptions<RetrievalOptions> options)
{
    public CoverageEvidence Gather(string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics)
    {
        if (passages.Count == 0) return new CoverageEvidence(0, 0, false);
        var questionTerms = TextAnalyzer.TermSet(question);
        var totalWeight = questionTerms.Sum(statistics.Idf);
        var bestCoverage = 0.0;
        foreach (var candidate in passages)
        {
            if (totalWeight <= 0) break;
            var passageTerms = TextAnalyzer.TermSet(candidate.Passage.Title + " " + candidate.Passage.Text);
            var covered = questionTerms.Where(passageTerms.Contains).Sum(statistics.Idf);
            bestCoverage = Math.Max(bestCoverage, covered / totalWeight);
        }
        var top = passages[0];
        var agree = top.LexicalRank is < 5 && top.DenseRank is < 5;
        return new CoverageEvidence(passages.Max(p => p.Cosine), bestCoverage, agree);
    }

    public bool IsCovered(CoverageEvidence evidence) =>
        evidence.TermCoverage >= options.Value.MinTermCoverage && evidence.TopCosine >= options.Value.MinCosine;
}
