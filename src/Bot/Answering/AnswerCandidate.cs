namespace Newsdesk.Answering;

/// <summary>One sentence of a retrieved passage, with its evidence and its rank score among the question's sentences.</summary>
/// <param name="Rank">The passage's 0-based position in the retrieved list.</param>
/// <param name="Position">The sentence's position in its passage.</param>
public sealed record AnswerCandidate(int Rank, int Position, string Text, IReadOnlySet<string> Terms, SentenceEvidence Evidence, double Score);
