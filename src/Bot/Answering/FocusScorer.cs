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
/// call. A vector depends on the text alone, never on the index, so a reload leaves them valid.</summary>
public sealed partial class FocusScorer(PassageEmbedder embedder, PassageIndexHolder index)
{
    // About 1.5 KB a vector: a few MB at most. Past this the cache starts again rather than tracking recency.
    private const int MaxCachedPhrases = 4096;
    private readonly ConcurrentDictionary<string, float[]> phraseVectors = new(StringComparer.Ordinal);

    public FocusSimilarity Score(Question question, QuestionAnalysis analysis, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0) return FocusSimilarity.None;
        var snapshot = index.Current;
        // Without earlier turns the retrieval already compared the sentences with the asked message.
        var asked = question.EarlierTurns.Count == 0 ? [] : Cosines(snapshot, passages, Embed(question.Text, cancellationToken));
        var phrase = FocusPhrase(question.Text, analysis, AnswerEvidenceGatherer.FocusTerms(analysis, passages));
        // A message with no topic words is its own focus: the asked cosines (or, alone, the retrieval's) serve.
        var focus = phrase == question.Text ? asked : Cosines(snapshot, passages, Embed(phrase, cancellationToken));
        return new FocusSimilarity(asked, focus);
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
