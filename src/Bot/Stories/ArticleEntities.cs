namespace Newsdesk.Stories;

/// <summary>The parties of one article and where each sentence mentions them; sentences are also kept with their
/// quotations masked, so that a name inside a quotation is never read as the one speaking.</summary>
public sealed record ArticleEntities(
    IReadOnlyList<ArticleEntity> Entities,
    IReadOnlyList<IReadOnlyList<EntityMention>> Mentions,
    IReadOnlyList<string> MaskedSentences);
