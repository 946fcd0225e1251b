namespace Newsdesk.Answering;

/// <summary>A composer's raw output: answer sentences, each citing passages by their 1-based position in the list
/// the composer was given.</summary>
public sealed record Composition(IReadOnlyList<ComposedSentence> Sentences, string Backend);

public sealed record ComposedSentence(string Text, IReadOnlyList<int> PassageNumbers);
