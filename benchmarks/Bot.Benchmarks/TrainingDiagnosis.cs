using System.Globalization;
using System.Text;
using Newsdesk.Answering;

namespace Newsdesk.Benchmarks;

/// <summary>Writes, for each TUNING question the shipped model gets wrong or declines, why: whether any candidate
/// sentence holds a fact, where the best such sentence ranks, and the gate's probabilities for it and for the top
/// sentence. Test-part questions are never written, so reading the file while tuning cannot leak the held-out part.</summary>
public static class TrainingDiagnosis
{
    public static void Write(string path, IEnumerable<(bool WithBbc, TrainingExample Example)> examples)
    {
        var text = new StringBuilder("corpus\tclass\tid\tkind\tcovered\tcosine\tmargin\tterms\tnamed\tholders\tholder_rank\tholder_gate\ttop_gate\ttop_span\tholder_span\tholder\ttop\n");
        foreach (var (withBbc, e) in examples.Where(x => !x.Example.Question.IsTest && (x.Example.Question.IsAnswerableWith(x.WithBbc) || x.Example.Question.IsNearMiss || x.Example.Question.IsPartial)))
        {
            var ranked = e.Candidates.OrderByDescending(c => c.Candidate.Score).ThenBy(c => c.Candidate.Rank).ThenBy(c => c.Candidate.Position).ToList();
            var holderAt = ranked.FindIndex(c => c.HoldsFact);
            var holder = holderAt >= 0 ? ranked[holderAt].Candidate : null;
            var top = ranked.Count > 0 ? ranked[0].Candidate : null;
            text.Append(CultureInfo.InvariantCulture, $"{(withBbc ? "bbc" : "seed")}\t{(e.Question.IsAnswerableWith(withBbc) ? "answerable" : e.Question.IsNearMiss ? "nearmiss" : "partial")}\t{e.Question.Id}\t{e.Analysis.Kind}\t{e.IsRetrievalCovered}\t{e.Coverage.TopCosine:F3}\t{e.Coverage.DenseMargin:F3}\t{e.Coverage.TermCoverage:F2}\t{e.Coverage.HoldsQuestionNames}\t{ranked.Count(c => c.HoldsFact)}\t{holderAt}\t")
                .Append(CultureInfo.InvariantCulture, $"{Gate(holder):F2}\t{Gate(top):F2}\t{top?.Evidence.AnswerSpan}\t{holder?.Evidence.AnswerSpan}\t{Short(holder)}\t{Short(top)}\n");
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Every candidate sentence of every TUNING question with a fact-holding sentence, one row each: its
    /// passage rank and position, whether it holds a fact, the shipped rank score and every feature. What a new
    /// ranker feature would change can be tried on this file before it is written in C#.</summary>
    public static void WriteCandidates(string path, IEnumerable<(bool WithBbc, TrainingExample Example)> examples)
    {
        var text = new StringBuilder("corpus\tid\tkind\trank\tposition\tholds\tscore\t" + string.Join('\t', SentenceEvidence.Names) + "\ttext\n");
        foreach (var (withBbc, e) in examples.Where(x => !x.Example.Question.IsTest && x.Example.Candidates.Any(c => c.HoldsFact)))
        foreach (var (c, holds) in e.Candidates)
            text.Append(CultureInfo.InvariantCulture, $"{(withBbc ? "bbc" : "seed")}\t{e.Question.Id}\t{e.Analysis.Kind}\t{c.Rank}\t{c.Position}\t{(holds ? 1 : 0)}\t{c.Score:F4}\t")
                .Append(string.Join('\t', c.Evidence.Features().Select(f => f.ToString("F4", CultureInfo.InvariantCulture))))
                .Append('\t').Append(c.Text.ReplaceLineEndings(" ").Replace('\t', ' ')).Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    private static double Gate(AnswerCandidate? c) => c is null ? double.NaN : AnswerModel.GateProbability(c.Evidence.Features());

    private static string Short(AnswerCandidate? c) => c is null ? "-" : c.Text.Length <= 90 ? c.Text : c.Text[..90];
}
