namespace Newsdesk.Answering;

/// <summary>The windows of a snapshot's sentences, and how many of them a preparation embedded.</summary>
public readonly record struct SpanWindowCount(int Windows, int Embedded);
