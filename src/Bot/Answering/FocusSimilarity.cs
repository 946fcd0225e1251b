namespace Newsdesk.Answering;

/// <summary>Each retrieved sentence's dense similarity to what was asked, at phrase level: to the asked message alone
/// (a follow-up is retrieved with its thread, so the retrieval's cosines measure the thread), and to its focus, the
/// message without the words that name what the stories are about ("how much do they charge" stays whole; "what does
/// the album cost" keeps "what does the cost"). A paraphrased focus ("charge" against "punt tracks for $0.10") shows
/// here where no term is shared. <paramref name="SpanFocus"/> compares the focus with the words around each span of
/// the asked kind instead of the whole sentence (the best of the sentence's spans; absent where it holds none), so the
/// relation the span stands in ("punt tracks for $0.10") is judged, not the sentence's topic. Indexed like the
/// passages and their sentences.</summary>
public sealed record FocusSimilarity(IReadOnlyList<IReadOnlyList<float>> Asked, IReadOnlyList<IReadOnlyList<float>> Focus,
    IReadOnlyList<IReadOnlyList<float>> SpanFocus)
{
    public static FocusSimilarity None { get; } = new([], [], []);

    /// <summary>The similarity of sentence <paramref name="position"/> of passage <paramref name="rank"/>, or
    /// <paramref name="fallback"/> (the retrieval's own cosine) where none was measured.</summary>
    public static float At(IReadOnlyList<IReadOnlyList<float>> cosines, int rank, int position, float fallback) =>
        rank < cosines.Count && position < cosines[rank].Count ? cosines[rank][position] : fallback;
}
