using System.Text.RegularExpressions;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Measures, for every sentence of the retrieved passages, the local evidence that it answers the question:
/// the question's terms in it and beside it, a span of the asked kind near them, its dense similarity.</summary>
public static partial class AnswerEvidenceGatherer
{
    // A typed span belongs to a question term when it stands within this many characters of it.
    private const int NearChars = 60;
    // Sentences shorter than this (datelines, captions) carry no answer.
    private const int MinTerms = 4;
    // A question term in this many retrieved sentences names what the stories are about, not the asked property.
    private const int RecurringSentences = 3;

    public static IReadOnlyList<AnswerCandidate> Gather(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics,
        FocusSimilarity similarity)
    {
        var weight = Weigher(question.Terms, statistics);
        var threadWeight = Weigher(question.ThreadTerms, statistics);
        var bestCosine = passages.SelectMany(p => p.Sentences).Select(s => (double)s.Cosine).DefaultIfEmpty(0).Max();
        var everything = new HashSet<string>(passages.SelectMany(p => TextAnalyzer.Terms(p.Passage.Title + " " + p.Passage.Text)), StringComparer.Ordinal);
        var absent = weight(question.Terms.Where(t => !everything.Contains(t)));
        var untyped = TypedSpans.IsTyped(question.Kind) ? 0 : 1;
        var sentenceTerms = SentenceTerms(passages);
        var focus = FocusTerms(question, passages, sentenceTerms);
        var focusWeight = Weigher(focus.Count > 0 ? focus : question.Terms, statistics);
        // The question's other terms name the entity asked about ("harbour", "records" in "who runs Harbour Records").
        var entities = question.Terms.Where(t => !focus.Contains(t)).ToHashSet(StringComparer.Ordinal);
        var bestFocusCosine = passages.SelectMany((p, rank) => p.Sentences.Select((s, position) => FocusSimilarity.At(similarity.Focus, rank, position, s.Cosine)))
            .Select(c => (double)c).DefaultIfEmpty(0).Max();
        var bestTermShare = sentenceTerms.Select(s => weight(question.Terms.Where(s.Contains))).DefaultIfEmpty(0).Max();

        var candidates = new List<AnswerCandidate>();
        for (var rank = 0; rank < passages.Count; rank++)
        {
            var passage = passages[rank];
            var titleTerms = TextAnalyzer.TermSet(passage.Passage.Title);
            HashSet<string> previous = [];
            for (var position = 0; position < passage.Sentences.Count; position++)
            {
                var (span, cosine) = passage.Sentences[position];
                var text = passage.Passage.Text.Substring(span.Start, span.Length);
                var terms = TextAnalyzer.TermSet(text);
                var near = new HashSet<string>(terms.Concat(previous).Concat(titleTerms), StringComparer.Ordinal);
                var before = previous;
                previous = terms;
                if (terms.Count < MinTerms || PlantedInstruction.IsLike(text)) continue;

                var typedSpans = TypedSpans.Find(question.Kind, text);
                var answerSpans = AnswerSpans.Find(question.Kind, text, question.Terms);
                var termShare = weight(question.Terms.Where(terms.Contains));
                var focusShare = focusWeight((focus.Count > 0 ? focus : question.Terms).Where(t => terms.Contains(t) || before.Contains(t)));
                var typed = untyped == 1 || typedSpans.Count > 0;
                double focusCosine = FocusSimilarity.At(similarity.Focus, rank, position, cosine);
                var evidence = new SentenceEvidence(
                    CosineGap: cosine - bestCosine,
                    Cosine: cosine,
                    TermShare: termShare,
                    NearShare: weight(question.Terms.Where(near.Contains)),
                    ThreadShare: threadWeight(question.ThreadTerms.Where(near.Contains)),
                    Typed: typedSpans.Count > 0 ? 1 : 0,
                    TypedNearTerms: IsNearATerm(text, typedSpans, question.Terms) ? 1 : 0,
                    UntypedKind: untyped,
                    Rank: 1.0 / (rank + 1),
                    AbsentShare: absent,
                    FocusShare: focusShare,
                    IsBestCosine: cosine >= bestCosine ? 1 : 0,
                    TermShareGap: termShare - bestTermShare,
                    TypedFocus: typed ? focusShare : 0,
                    AskedCosine: FocusSimilarity.At(similarity.Asked, rank, position, cosine),
                    FocusCosine: focusCosine,
                    FocusCosineGap: focusCosine - bestFocusCosine,
                    AnswerSpan: answerSpans.Count > 0 ? 1 : 0,
                    SpanTied: AnswerSpans.IsTied(text, answerSpans, focus, entities) ? 1 : 0,
                    SpanFocus: answerSpans.Count > 0 ? FocusSimilarity.At(similarity.SpanFocus, rank, position, 0) : 0);
                candidates.Add(new AnswerCandidate(rank, position, text, terms, evidence, AnswerModel.RankScore(evidence)));
            }
        }
        return candidates;
    }

    /// <summary>The question's focus terms: what the stories are about shows in their titles and recurs across their
    /// sentences; the question's other terms are its focus, the property asked about.</summary>
    public static IReadOnlySet<string> FocusTerms(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages) =>
        FocusTerms(question, passages, SentenceTerms(passages));

    private static HashSet<string> FocusTerms(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages, List<HashSet<string>> sentenceTerms)
    {
        var titles = new HashSet<string>(passages.SelectMany(p => TextAnalyzer.Terms(p.Passage.Title)), StringComparer.Ordinal);
        return question.Terms.Where(t => !titles.Contains(t) && sentenceTerms.Count(s => s.Contains(t)) < RecurringSentences).ToHashSet(StringComparer.Ordinal);
    }

    private static List<HashSet<string>> SentenceTerms(IReadOnlyList<RetrievedPassage> passages) =>
        passages.SelectMany(p => p.Sentences.Select(s => TextAnalyzer.TermSet(p.Passage.Text.Substring(s.Span.Start, s.Span.Length)))).ToList();

    /// <summary>IDF-weighted share of <paramref name="all"/> that a subset holds.</summary>
    private static Func<IEnumerable<string>, double> Weigher(IReadOnlySet<string> all, TermStatistics statistics)
    {
        var total = all.Sum(statistics.Idf);
        return subset => total <= 0 ? 0 : subset.Sum(statistics.Idf) / total;
    }

    private static bool IsNearATerm(string sentence, IReadOnlyList<(int Start, int Length)> spans, IReadOnlySet<string> questionTerms)
    {
        if (spans.Count == 0) return false;
        foreach (Match word in Word().Matches(sentence))
        {
            var term = TextAnalyzer.Terms(word.Value).FirstOrDefault();
            if (term is null || !questionTerms.Contains(term)) continue;
            var at = word.Index;
            foreach (var (start, length) in spans)
            {
                // The term inside the span itself ("Geoff Taylor" for "taylor") does not tie the span to the question.
                if (at >= start && at < start + length) continue;
                var distance = at < start ? start - (at + word.Length) : at - (start + length);
                if (distance <= NearChars) return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")]
    private static partial Regex Word();
}
