namespace Newsdesk.Stories;

/// <summary>An organisation, person or group involved in the story, with the other names the articles give it
/// ("the BPI", "the British Phonographic Industry") and its claims.</summary>
public sealed record StoryParty(string Name, IReadOnlyList<string> Mentions, IReadOnlyList<AttributedClaim> Claims);
