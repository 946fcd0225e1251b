using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>Decides from retrieval evidence whether the corpus covers a question. Thresholds come from options,
/// tuned on the evaluation set; nothing here looks for particular words.</summary>
public sealed partial class CoverageJudge(IOptions<RetrievalOptions> options)
{
    public CoverageEvidence Gather(string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics, IReadOnlyList<float> denseCandidates)
    {
        if (passages.Count == 0) return new CoverageEvidence(0, 0, false, 0, false);
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
        var topCosine = passages.Max(p => p.Cosine);
        var margin = denseCandidates.Count > 1 ? topCosine - denseCandidates.Average() : 0;
        var figures = Figure().Matches(question).Select(m => m.Value).ToList();
        var hasFigures = figures.All(f => passages.Any(p => p.Passage.Text.Contains(f, StringComparison.Ordinal)));
        return new CoverageEvidence(topCosine, bestCoverage, agree, margin, hasFigures);
    }

    public bool IsCovered(CoverageEvidence evidence)
    {
        var settings = options.Value;
        var isSimilar = evidence.TopCosine >= settings.MinCosine
            || (evidence.RankersAgree && evidence.TermCoverage >= settings.MinTermCoverageToAgree && evidence.TopCosine >= settings.MinCosineWhenTermsAgree);
        return evidence.HasQuestionFigures
            && evidence.TermCoverage >= settings.MinTermCoverage
            && evidence.DenseMargin >= settings.MinDenseMargin
            && isSimilar;
    }

    // Figures of two or more digits: years, counts, prices. Single digits ("top 5") are too often incidental.
    [GeneratedRegex(@"\d{2,}")]
    private static partial Regex Figure();
}
