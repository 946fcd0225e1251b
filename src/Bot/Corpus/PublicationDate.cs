namespace Newsdesk.Corpus;

/// <summary>When an article was published and where that came from, so a brief can say how far to trust a resolved
/// "last October".</summary>
/// <param name="From">One of <see cref="PublicationDateReader"/>'s source names: feed, html-meta, front-matter, date-line.</param>
public sealed record PublicationDate(DateTimeOffset Value, string From);
