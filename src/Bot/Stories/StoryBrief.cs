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
    /// <summary>No article in the store is about the topic: the brief says so rather than inventing one.</summary>
    public bool IsEmpty => Sources.Count == 0;
}
