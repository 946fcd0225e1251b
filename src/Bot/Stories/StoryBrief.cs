namespace Newsdesk.Stories;

/// <summary>The whole story at a glance: the one central sentence, who says what, contested points, the timeline and
/// what is still open, each line cited to <see cref="Sources"/>; then related stories.</summary>
public sealed record StoryBrief(
    string Topic,
    CitedLine? Summary,
    IReadOnlyList<StoryParty> Parties,
    IReadOnlyList<ContestedPoint> ContestedPoints,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<CitedLine> OpenPoints,
    IReadOnlyList<StorySource> Sources,
    IReadOnlyList<string> RelatedStories)
{
    /// <summary>The language model that wrote the one line, the claims and the open points from the builder's cited
    /// sentences (each line checked against them); null when the brief is the builder's own.</summary>
    public string? ComposedBy { get; init; }

    /// <summary>Why the language model's brief was not used and this offline one stands in, for the reader.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>No article in the store is about the topic: the brief says so rather than inventing one.</summary>
    public bool IsEmpty => Sources.Count == 0;
}
