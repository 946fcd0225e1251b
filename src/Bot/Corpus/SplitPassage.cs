namespace Newsdesk.Corpus;

/// <summary>A passage as cut from a body, with where each of its sentences lies in its text.</summary>
public sealed record SplitPassage(string Text, IReadOnlyList<SentenceSpan> Sentences);

/// <summary>A sentence's place in its passage's text.</summary>
public readonly record struct SentenceSpan(int Start, int Length);
