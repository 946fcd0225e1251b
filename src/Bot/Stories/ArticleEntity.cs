namespace Newsdesk.Stories;

/// <summary>One party as one article names it, built up while the article is read: every name it goes by.</summary>
public sealed class ArticleEntity(int id, EntityKind kind)
{
    public int Id => id;

    public EntityKind Kind { get; set; } = kind;

    public List<string> Names { get; } = [];

    public int PlaceMentions { get; set; }

    public int OtherMentions { get; set; }

    /// <summary>Only ever named as a place ("in the UK"): never a party.</summary>
    public bool IsPlace => PlaceMentions > 0 && OtherMentions == 0;

    /// <summary>The fullest name: a person's whole name, an organisation's expanded name rather than its initials.</summary>
    public string Name => Names.OrderByDescending(n => n.Any(char.IsLower) ? 1 : 0).ThenByDescending(n => n.Length).First();
}
