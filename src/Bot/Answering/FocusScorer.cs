using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Measures <see cref="FocusSimilarity"/>: embeds the asked message and its focus phrase (one or two short
/// queries) and compares them with the stored vectors of the retrieved sentences. Chat repeats its focus phrases
/// ("who runs", "how much does it cost", "when did"), so their vectors are kept: a repeated phrase costs no model
/// call. The words around each span of the asked kind (<see cref="SpanWindows"/>) are embedded too, all of a
/// question's in one batch, and kept: stories are asked about again and again, so most windows are known. A vector
/// depends on the text alone, never on the index, so a reload leaves them valid.</summary>
public sealed partial class FocusScorer(PassageEmbedder embedder, PassageIndexHolder index)
{
    // About 1.5 KB a vector: a few MB at most. Past this the cache starts again rather than tracking recency.
    private const int MaxCachedPhrases = 4096;
    // Windows are short passages of corpus text: about the same size each. A question brings a few dozen at most.
    private const int MaxCachedWindows = 16_384;
    // At most this many windows are embedded for one question, taken in the passages' rank order: a name question over
    // long passages has many capitalised spans, and answer latency must not grow with them. Measured on the warm
    // 2,226-article store on an idle machine: 32 windows gave answer p50/p99 of 9.6/88 ms (first asks 112 ms at p99),
    // 8 gave 8.0/47 ms, with the same figures on the evaluation's tuning part (docs/performance.md).
    private const int MaxWindowsPerQuestion = 8;
    private readonly ConcurrentDictionary<string, float[]> phraseVectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float[]> windowVectors = new(StringComparer.Ordinal);

    public FocusSimilarity Score(Question question, QuestionAnalysis analysis, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0) return FocusSimilarity.None;
        var snapshot = index.Current;
        // Without earlier turns the retrieval already compared the sentences with the asked message.
        var asked = question.EarlierTurns.Count == 0 ? [] : Cosines(snapshot, passages, Embed(question.Text, cancellationToken));
        var phrase = FocusPhrase(question.Text, analysis, AnswerEvidenceGatherer.FocusTerms(analysis, passages));
        // A message with no topic words is its own focus: the asked cosines (or, alone, the retrieval's) serve.
        var phraseVector = phrase == question.Text ? null : Embed(phrase, cancellationToken);
        var focus = phraseVector is null ? asked : Cosines(snapshot, passages, phraseVector);
        var windows = SentenceWindows(analysis, passages);
        var spanFocus = windows.Any(w => w.Any(s => s.Count > 0))
            ? SpanCosines(windows, phraseVector ?? Embed(question.Text, cancellationToken), cancellationToken)
            : [];
        return new FocusSimilarity(asked, focus, spanFocus);
    }

    /// <summary>For every sentence of every passage, the windows around its spans of the asked kind (none for a
    /// description or a yes/no question, which no span type marks), at most <see cref="MaxWindowsPerQuestion"/> in all.</summary>
    private static List<List<IReadOnlyList<string>>> SentenceWindows(QuestionAnalysis analysis, IReadOnlyList<RetrievedPassage> passages)
    {
        var budget = TypedSpans.IsTyped(analysis.Kind) ? MaxWindowsPerQuestion : 0;
        return passages.Select(p => p.Sentences.Select(s =>
        {
            if (budget <= 0) return (IReadOnlyList<string>)[];
            var text = p.Passage.Text.Substring(s.Span.Start, s.Span.Length);
            var windows = SpanWindows.Around(text, AnswerSpans.Find(analysis.Kind, text, analysis.Terms)).Take(budget).ToList();
            budget -= windows.Count;
            return windows;
        }).ToList()).ToList();
    }

    // The best cosine of each sentence's windows with the focus (0 where it has none); unknown windows in one batch.
    private List<IReadOnlyList<float>> SpanCosines(List<List<IReadOnlyList<string>>> windows, float[] focus, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var window in windows.SelectMany(p => p.SelectMany(s => s)))
            if (!known.ContainsKey(window) && windowVectors.TryGetValue(window, out var vector)) known[window] = vector;
        var unknown = windows.SelectMany(p => p.SelectMany(s => s)).Where(w => !known.ContainsKey(w)).Distinct(StringComparer.Ordinal).ToArray();
        var vectors = embedder.EmbedBatch(unknown, cancellationToken);
        if (windowVectors.Count + unknown.Length > MaxCachedWindows) windowVectors.Clear();
        for (var i = 0; i < unknown.Length; i++) known[unknown[i]] = windowVectors[unknown[i]] = vectors[i];
        return windows.Select(p => (IReadOnlyList<float>)p.Select(s => s.Count == 0 ? 0f : s.Max(w => Dot(known[w], focus))).ToList()).ToList();
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private float[] Embed(string phrase, CancellationToken cancellationToken)
    {
        if (phraseVectors.TryGetValue(phrase, out var known)) return known;
        var vector = embedder.EmbedQuery(phrase, cancellationToken);
        if (phraseVectors.Count >= MaxCachedPhrases) phraseVectors.Clear();
        phraseVectors[phrase] = vector;
        return vector;
    }

    /// <summary>The message without the words whose terms name the stories' topic (the message itself when no word goes, or none would be left).</summary>
    public static string FocusPhrase(string message, QuestionAnalysis analysis, IReadOnlySet<string> focusTerms)
    {
        var words = Word().Matches(message).Select(m => m.Value).ToList();
        var kept = words.Where(word => TextAnalyzer.Terms(word).FirstOrDefault() is not { } term || !analysis.Terms.Contains(term) || focusTerms.Contains(term)).ToList();
        return kept.Count == 0 || kept.Count == words.Count ? message : string.Join(' ', kept);
    }

    private static List<IReadOnlyList<float>> Cosines(PassageIndex snapshot, IReadOnlyList<RetrievedPassage> passages, float[] vector) =>
        passages.Select(p =>
        {
            var sentences = snapshot.Sentences(p.Passage.Id, vector);
            // A reload between retrieval and now may have re-split the passage: then no phrase-level evidence.
            return (IReadOnlyList<float>)(sentences.Count == p.Sentences.Count ? sentences.Select(s => s.Cosine).ToList() : []);
        }).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}$£€][\p{L}\p{N}'’.-]*")]
    private static partial Regex Word();
}
