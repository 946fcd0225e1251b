using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>What the search index is built from, once the store's rows are read and screened: the passages with their
/// sentences and vectors, how many planted sentences the screen set aside, and the passages' term statistics.</summary>
public sealed record IndexSnapshot(
    IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> Passages,
    int Planted,
    TermStatistics Terms);
