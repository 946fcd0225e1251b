using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>An immutable in-memory snapshot of the store: its passages, their sentences' vectors for dense search
/// (<see cref="IDenseSentences"/>: every float in memory, or quantised codes in memory and the floats in a file), and
/// term statistics. A passage's dense score is its best sentence's; the cosines handed on are always exact.</summary>
public sealed class PassageIndex
{
    private readonly IDenseSentences dense;
    private readonly Dictionary<long, int> byId;
    private readonly SentenceSpan[][] sentences;

    /// <summary>Every float in memory (<see cref="InMemorySentences"/>).</summary>
    /// <param name="firstPassSentences">Sentences the int8 first pass hands to rescoring; 0, or an index with no more
    /// sentences than that, searches exactly.</param>
    /// <param name="terms">The passages' term statistics when already counted (kept with an index snapshot); counted
    /// here when null.</param>
    public PassageIndex(IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> passages, int dimensions,
        int firstPassSentences = 0, TermStatistics? terms = null)
        : this(passages.Select(p => (p.Passage, p.Sentences)).ToList(), dimensions,
            // The arrays the store loaded are kept as they are: the one copy of every vector.
            new InMemorySentences(new SentenceVectors(passages.Select(p => p.Vectors).ToArray(), dimensions), firstPassSentences), terms)
    {
    }

    /// <summary>The passages (in the order <paramref name="dense"/> numbers them) over vectors kept elsewhere.</summary>
    public PassageIndex(IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences)> passages, int dimensions, IDenseSentences dense,
        TermStatistics? terms = null)
    {
        Dimensions = dimensions;
        this.dense = dense;
        Passages = passages.Select(p => p.Passage).ToArray();
        sentences = passages.Select(p => p.Sentences).ToArray();
        SentenceCount = sentences.Sum(s => s.Length);
        byId = new Dictionary<long, int>(passages.Count);
        for (var i = 0; i < passages.Count; i++) byId[passages[i].Passage.Id] = i;
        Terms = terms ?? new TermStatistics(Passages.Select(p => p.Title + " " + p.Text));
    }

    public static PassageIndex Empty { get; } = new([], 384);

    public int Dimensions { get; }
    public IReadOnlyList<StoredPassage> Passages { get; }
    public TermStatistics Terms { get; }
    public int Count => Passages.Count;
    public int SentenceCount { get; }

    /// <summary>How the vectors are held and searched.</summary>
    public IDenseSentences Dense => dense;

    public StoredPassage? Find(long passageId) => byId.TryGetValue(passageId, out var at) ? Passages[at] : null;

    /// <summary>The sentences of the passage at <paramref name="index"/> in <see cref="Passages"/>, as retrieval hands
    /// them on.</summary>
    public IReadOnlyList<SentenceSpan> SentenceSpans(int index) => sentences[index];
    /// <summary>The story's sentence just before a passage: the last sentence of the same document's previous passage.
    /// A long paragraph is cut into passages between sentences, so a passage's first sentence often leans on the
    /// sentence before the cut ("Nigel Harding … said every track from their live set …" after "The Bravery are proof
    /// …"). Empty where the passage opens its story, or where its previous passage does not stand just before it
    /// (the store loads a story's passages in order, so it does).</summary>
    public string SentenceBefore(long passageId)
    {
        if (!byId.TryGetValue(passageId, out var at) || at == 0) return "";
        var (passage, previous) = (Passages[at], Passages[at - 1]);
        if (previous.DocumentId != passage.DocumentId || previous.Ordinal != passage.Ordinal - 1 || sentences[at - 1].Length == 0) return "";
        var (start, length) = sentences[at - 1][^1];
        return start >= 0 && start + length <= previous.Text.Length ? previous.Text.Substring(start, length) : "";
    }

    /// <summary>Each sentence of a passage with its cosine similarity to <paramref name="query"/>.</summary>
    public IReadOnlyList<(SentenceSpan Span, float Cosine)> Sentences(long passageId, ReadOnlySpan<float> query)
    {
        if (!byId.TryGetValue(passageId, out var at)) return [];
        var spans = sentences[at];
        var cosines = dense.Cosines(at, query);
        var result = new (SentenceSpan, float)[spans.Length];
        for (var s = 0; s < spans.Length; s++) result[s] = (spans[s], cosines[s]);
        return result;
    }

    /// <summary>The <paramref name="limit"/> passages whose best sentence is closest to <paramref name="query"/>, best
    /// first, equal cosines in passage order: exact search's list, whichever <see cref="IDenseSentences"/> searches
    /// (tested against exact search, and measured by the benchmark's scale verb).</summary>
    public IReadOnlyList<(StoredPassage Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit) =>
        dense.Nearest(query, limit).Select(hit => (Passages[hit.Passage], hit.Cosine)).ToList();
}
