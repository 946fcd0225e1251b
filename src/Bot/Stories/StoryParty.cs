namespace Newsdesk.Stories;

/// <summary>An organisation, person or group involved in the story, with the other names the articles give it
/// ("the BPI", "the British Phonographic Industry") and its claims.</summary>
public sealed record StoryParty(string Name, IReadOnlyList<string> Mentions, IReadOnlyList<AttributedClaim> Claims)
{
    /// <summary>The first article (by its number in the brief) that names the party, so a party named but given no
    /// claim can still be cited.</summary>
    public int? FirstSource { get; init; }
}
