using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>Decides from retrieval evidence whether the corpus covers a question. Thresholds come from options,
/// tuned on the evaluation set; nothing here looks for particular words.</summary>
public sealed partial class CoverageJudge(IOptions<RetrievalOptions> options)
{
    public CoverageEvidence Gather(string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics,
        IReadOnlyList<float> denseCandidates)
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
        var retrievedTerms = passages.SelectMany(p => TextAnalyzer.Terms(p.Passage.Title + " " + p.Passage.Text)).ToHashSet(StringComparer.Ordinal);
        var names = QuestionNames.In(question);
        var holdsNames = names.Count > 0 && names.All(n => TextAnalyzer.Terms(n).All(retrievedTerms.Contains));
        return new CoverageEvidence(topCosine, bestCoverage, agree, margin, hasFigures, holdsNames);
    }

    public bool IsCovered(CoverageEvidence evidence) => Covers(evidence, options.Value);

    /// <summary>Whether a question that is not covered may still be answered (never marked partial): its best passage
    /// stands out from the candidates by less than the coverage margin but at least
    /// <see cref="RetrievalOptions.MinDenseMarginToAnswer"/>, and it passes every other test.</summary>
    public bool MayAnswer(CoverageEvidence evidence) => MayAnswer(evidence, options.Value);

    public static bool MayAnswer(CoverageEvidence evidence, RetrievalOptions settings) =>
        !Covers(evidence, settings) && Covers(evidence, settings, settings.MinDenseMarginToAnswer);

    /// <summary>The decision under given thresholds (the train verb fits them). A question that names an entity the
    /// retrieved stories hold is on their topic at a lower similarity, and without the margin: where one story is all
    /// the corpus says about that entity, every candidate comes from it and the margin compares it with itself. Whether
    /// the story holds the asked fact is then the composer's decision (answered, partly covered or declined).</summary>
    public static bool Covers(CoverageEvidence evidence, RetrievalOptions settings) => Covers(evidence, settings, settings.MinDenseMargin);

    private static bool Covers(CoverageEvidence evidence, RetrievalOptions settings, double minDenseMargin)
    {
        if (!evidence.HasQuestionFigures || evidence.TermCoverage < settings.MinTermCoverage) return false;
        if (evidence.HoldsQuestionNames && evidence.TopCosine >= settings.MinCosineWhenNamed) return true;
        var isSimilar = evidence.TopCosine >= settings.MinCosine
            || (evidence.RankersAgree && evidence.TermCoverage >= settings.MinTermCoverageToAgree && evidence.TopCosine >= settings.MinCosineWhenTermsAgree);
        return evidence.DenseMargin >= minDenseMargin && isSimilar;
    }

    // Figures of two or more digits: years, counts, prices. Single digits ("top 5") are too often incidental.
    [GeneratedRegex(@"\d{2,}")]
    private static partial Regex Figure();
}
