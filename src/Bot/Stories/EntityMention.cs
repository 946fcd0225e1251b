namespace Newsdesk.Stories;

/// <summary>Where a party is named (or referred back to) in one sentence.</summary>
public readonly record struct EntityMention(int Start, int Length, int Entity, MentionRole Role)
{
    public int End => Start + Length;

    public bool CanBeSubject => Role is MentionRole.Plain or MentionRole.Reference;
}
