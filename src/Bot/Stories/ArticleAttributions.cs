namespace Newsdesk.Stories;

/// <summary>Who says what in one article, and which entities act in the dispute (sue, rule, are pressed, shut a
/// site down): together, the article's parties.</summary>
public sealed record ArticleAttributions(IReadOnlyList<FoundClaim> Claims, IReadOnlySet<int> Actors);
