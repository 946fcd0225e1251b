namespace Newsdesk.Answering;

/// <summary>The local evidence that one retrieved sentence answers a question; the features of
/// <see cref="AnswerModel"/>. Every value is in [0, 1] or a small cosine difference.</summary>
/// <param name="CosineGap">The sentence's dense similarity to the question minus the best sentence's (at most 0).</param>
/// <param name="Cosine">The sentence's dense similarity to the question.</param>
/// <param name="TermShare">IDF-weighted share of the question's terms in the sentence itself.</param>
/// <param name="NearShare">…in the sentence, the one before it and the story's title (where an entity is often named).</param>
/// <param name="ThreadShare">IDF-weighted share of the thread's earlier terms there (0 without a thread).</param>
/// <param name="Typed">Whether the sentence holds a span of the asked kind (a price for "cost", a date for "when").</param>
/// <param name="TypedNearTerms">Whether such a span stands within a few words of one of the question's terms: the
/// figure belongs to what was asked, not to something else the sentence mentions.</param>
/// <param name="UntypedKind">Whether the question asks for a description or a yes/no, which no span type marks.</param>
/// <param name="Rank">1/(1 + the passage's fused rank).</param>
/// <param name="AbsentShare">IDF-weighted share of the question's terms no retrieved passage holds at all.</param>
/// <param name="FocusShare">IDF-weighted share of the question's focus terms (those that do not name what the
/// retrieved stories are about: "cost", "donate", "old") in the sentence or the one before.</param>
/// <param name="IsBestCosine">Whether no other retrieved sentence is closer to the question.</param>
/// <param name="TermShareGap">The sentence's term share minus the best term share of any retrieved sentence (at most 0).</param>
/// <param name="TypedFocus">The span of the asked kind and the focus together: <see cref="FocusShare"/> when the
/// sentence holds such a span (or the kind has none), else 0. "A price" alone is not an answer to "what does the
/// album cost"; a price beside "album" is.</param>
/// <param name="AskedCosine">The sentence's dense similarity to the asked message alone (a follow-up's retrieval
/// compares with the whole thread).</param>
/// <param name="FocusCosine">…to the focus phrase: the message without the words naming the stories' topic. It
/// recognises a paraphrased focus ("charge" against "punt tracks for $0.10").</param>
/// <param name="FocusCosineGap">The focus similarity minus the best of any retrieved sentence (at most 0).</param>
/// <param name="AnswerSpan">Whether the sentence holds a span of the asked kind other than the question's own words:
/// the entity asked about is not its own answer. For a name, a figure or a date, a sentence without one cannot answer.</param>
/// <param name="SpanTied">Whether such a span is tied to what was asked: a focus term beside it, or an apposition
/// joining it to the asked entity ("Harbour Records chief executive Maria Okafor" for "who runs Harbour Records").</param>
/// <param name="SpanFocus">The dense similarity of the question's focus phrase to the words around the sentence's
/// best span of the asked kind (0 without one): whether the relation the span stands in paraphrases what was asked,
/// "how much did a song cost" against "punt tracks for between about $0.10", where no word is shared.</param>
public sealed record SentenceEvidence(
    double CosineGap,
    double Cosine,
    double TermShare,
    double NearShare,
    double ThreadShare,
    double Typed,
    double TypedNearTerms,
    double UntypedKind,
    double Rank,
    double AbsentShare,
    double FocusShare,
    double IsBestCosine,
    double TermShareGap,
    double TypedFocus,
    double AskedCosine,
    double FocusCosine,
    double FocusCosineGap,
    double AnswerSpan,
    double SpanTied,
    double SpanFocus)
{
    public double[] Features() => [CosineGap, Cosine, TermShare, NearShare, ThreadShare, Typed, TypedNearTerms, UntypedKind, Rank, AbsentShare, FocusShare, IsBestCosine, TermShareGap, TypedFocus, AskedCosine, FocusCosine, FocusCosineGap, AnswerSpan, SpanTied, SpanFocus];

    public static readonly IReadOnlyList<string> Names =
        ["cosine_gap", "cosine", "term_share", "near_share", "thread_share", "typed", "typed_near_terms", "untyped_kind", "rank", "absent_share", "focus_share", "is_best_cosine", "term_share_gap", "typed_focus", "asked_cosine", "focus_cosine", "focus_cosine_gap", "answer_span", "span_tied", "span_focus_similarity"];
}
