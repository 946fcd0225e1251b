namespace Newsdesk.Stories;

/// <summary>An article of the story, its sentences in order (across its passages), as the brief's analyses read it.</summary>
public sealed record StoryArticle(StorySource Source, IReadOnlyList<string> Sentences);
