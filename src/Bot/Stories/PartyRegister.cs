namespace Newsdesk.Stories;

/// <summary>The story's parties across its articles: an article's entity joins the party that already goes by one
/// of its names (or by its initials), so "the BPI" of one article and "the British Phonographic Industry" of another
/// are one party. Places are never parties.</summary>
public sealed class PartyRegister
{
    private readonly List<(List<string> Names, List<AttributedClaim> Claims, int FirstSeen, int Source)> parties = [];

    public AttributedClaim? AddClaim(ArticleEntity entity, string verb, CitedLine line)
    {
        var party = Find(entity, line.Source);
        if (party is null) return null;
        var claim = new AttributedClaim(Name(party.Value.Names), verb, line);
        party.Value.Claims.Add(claim);
        return claim;
    }

    public void AddActor(ArticleEntity entity, int source) => Find(entity, source);

    public IReadOnlyList<StoryParty> Parties() => parties
        .OrderByDescending(p => p.Claims.Count).ThenBy(p => p.FirstSeen)
        .Select(p => new StoryParty(Name(p.Names), p.Names.ToList(), p.Claims.Select(c => c with { Party = Name(p.Names) }).ToList()) { FirstSource = p.Source })
        .ToList();

    private (List<string> Names, List<AttributedClaim> Claims, int FirstSeen, int Source)? Find(ArticleEntity entity, int source)
    {
        if (entity.IsPlace) return null;
        foreach (var party in parties)
        {
            var isSame = party.Names.Any(n => entity.Names.Any(e => e.Equals(n, StringComparison.OrdinalIgnoreCase)
                || EntityDetector.Initials(e) == n || EntityDetector.Initials(n) == e));
            if (!isSame) continue;
            foreach (var name in entity.Names.Where(e => !party.Names.Contains(e, StringComparer.OrdinalIgnoreCase))) party.Names.Add(name);
            return party;
        }
        var added = (entity.Names.ToList(), new List<AttributedClaim>(), parties.Count, source);
        parties.Add(added);
        return added;
    }

    private static string Name(List<string> names) =>
        names.OrderByDescending(n => n.Any(char.IsLower) ? 1 : 0).ThenByDescending(n => n.Length).First();
}
