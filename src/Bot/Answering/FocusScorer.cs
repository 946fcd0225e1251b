using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Measures <see cref="FocusSimilarity"/>: embeds the asked message and its focus phrase (one or two short
/// queries) and compares them with the stored vectors of the retrieved sentences. Chat repeats its focus phrases
/// ("who runs", "how much does it cost", "when did"), so their vectors are kept: a repeated phrase costs no model
/// call. The words around each span of the asked kind (<see cref="SpanWindows"/>) are embedded too, and kept: stories
/// are asked about again and again, so most windows are known; and every stored sentence's windows may be embedded
/// ahead of any question (<see cref="KnownSpanWindows"/>). Whatever a question still needs goes to the model in one
/// batch, cut into calls by length. A vector depends on the text alone, never on the index, so a reload leaves them
/// valid.</summary>
public sealed partial class FocusScorer(PassageEmbedder embedder, PassageIndexHolder index, KnownSpanWindows known, IOptions<AnsweringOptions> options)
{
    // About 1.5 KB a vector: a few MB at most. Past this the cache starts again rather than tracking recency.
    private const int MaxCachedPhrases = 4096;
    // Windows are short passages of corpus text: about the same size each. A question brings a few dozen at most.
    private const int MaxCachedWindows = 16_384;
    // At most this many windows are embedded for one question, taken in the passages' rank order: a name question over
    // long passages has many capitalised spans, and answer latency must not grow with them. Measured on the warm
    // 2,226-article store on an idle machine: 32 windows gave answer p50/p99 of 9.6/88 ms (first asks 112 ms at p99),
    // 8 gave 8.0/47 ms, with the same figures on the evaluation's tuning part (docs/performance.md). Passage order is
    // chosen, not incidental: spending the 8 on the most promising sentences, or embedding every window, answered 3
    // fewer tuning questions, and 4 windows 2 fewer (docs/answering-model.md). A measured window barely tells the answer
    // from another name of the story; answers sit early in the best passages, so being measured works as a prior.
    private const int MaxWindowsPerQuestion = 8;
    private readonly ConcurrentDictionary<string, float[]> phraseVectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float[]> windowVectors = new(StringComparer.Ordinal);

    public FocusSimilarity Score(Question question, QuestionAnalysis analysis, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0) return FocusSimilarity.None;
        var snapshot = index.Current;
        var phrase = FocusPhrase(question.Text, analysis, AnswerEvidenceGatherer.FocusTerms(analysis, passages));
        var windows = SentenceWindows(analysis, passages);
        var hasWindows = windows.Any(w => w.Any(s => s.Count > 0));
        // Without earlier turns the retrieval already compared the sentences with the asked message, so the message is
        // embedded only for a follow-up, or where it is its own focus and the windows need one.
        var messageIsFocus = phrase == question.Text;
        var queries = new List<string>(2);
        if (question.EarlierTurns.Count > 0 || (messageIsFocus && hasWindows)) queries.Add(question.Text);
        if (!messageIsFocus) queries.Add(phrase);
        var (queryVectorsOf, windowVectorsOf) = EmbedTogether(queries, windows.SelectMany(p => p.SelectMany(s => s)), cancellationToken);
        var asked = question.EarlierTurns.Count == 0 ? [] : Cosines(snapshot, passages, queryVectorsOf[question.Text]);
        var phraseVector = messageIsFocus ? null : queryVectorsOf[phrase];
        // A message with no topic words is its own focus: the asked cosines (or, alone, the retrieval's) serve.
        var focus = phraseVector is null ? asked : Cosines(snapshot, passages, phraseVector);
        var spanFocus = hasWindows ? SpanCosines(windows, windowVectorsOf, phraseVector ?? queryVectorsOf[question.Text]) : [];
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

    /// <summary>The vectors of the query phrases and the windows, those not kept from earlier questions in one batch:
    /// a first ask made three model calls (focus phrase, windows, and the message where it is the focus), each paying
    /// the call's fixed cost. The batch is cut by length where that saves more padding than a call costs (the prefixed
    /// focus phrase and a long name's window no longer pad every short window). Batching leaves every vector
    /// bit-identical, since padding is masked.</summary>
    private (Dictionary<string, float[]> Queries, Dictionary<string, float[]> Windows) EmbedTogether(
        IReadOnlyList<string> queries, IEnumerable<string> windows, CancellationToken cancellationToken)
    {
        var queryVectorsOf = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var windowVectorsOf = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var query in queries)
            if (phraseVectors.TryGetValue(query, out var vector)) queryVectorsOf[query] = vector;
        var dimensions = index.Current.Dimensions;
        foreach (var window in windows)
            if (!windowVectorsOf.ContainsKey(window) && (windowVectors.TryGetValue(window, out var vector) || known.TryGet(window, dimensions, out vector)))
                windowVectorsOf[window] = vector;
        var unknownQueries = queries.Where(q => !queryVectorsOf.ContainsKey(q)).ToArray();
        var unknownWindows = windows.Where(w => !windowVectorsOf.ContainsKey(w)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknownQueries.Length + unknownWindows.Length == 0) return (queryVectorsOf, windowVectorsOf);

        var vectors = embedder.EmbedByLength([.. unknownQueries.Select(embedder.QueryInput), .. unknownWindows],
            options.Value.FocusScoringCores, cancellationToken);
        if (phraseVectors.Count + unknownQueries.Length > MaxCachedPhrases) phraseVectors.Clear();
        if (windowVectors.Count + unknownWindows.Length > MaxCachedWindows) windowVectors.Clear();
        for (var i = 0; i < unknownQueries.Length; i++) queryVectorsOf[unknownQueries[i]] = phraseVectors[unknownQueries[i]] = vectors[i];
        for (var i = 0; i < unknownWindows.Length; i++)
            windowVectorsOf[unknownWindows[i]] = windowVectors[unknownWindows[i]] = vectors[unknownQueries.Length + i];
        return (queryVectorsOf, windowVectorsOf);
    }

    // The best cosine of each sentence's windows with the focus (0 where it has none).
    private static List<IReadOnlyList<float>> SpanCosines(List<List<IReadOnlyList<string>>> windows, Dictionary<string, float[]> vectorsOf, float[] focus) =>
        windows.Select(p => (IReadOnlyList<float>)p.Select(s => s.Count == 0 ? 0f : s.Max(w => Dot(vectorsOf[w], focus))).ToList()).ToList();

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
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
