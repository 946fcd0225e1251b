namespace Newsdesk.Corpus;

/// <summary>A passage with one embedding per sentence. Sentences, not whole passages, are embedded: the dense ranker
/// scores a passage by its best sentence, and the offline composer picks answer sentences by the same vectors at no
/// extra cost per question.</summary>
public sealed record EmbeddedPassage(SplitPassage Passage, IReadOnlyList<float[]> SentenceVectors);
