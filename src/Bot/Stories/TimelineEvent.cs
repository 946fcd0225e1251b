namespace Newsdesk.Stories;

/// <summary>A sentence that places something in time, the expression that does it ("last October"), the date it
/// resolves to, and how: stated in the text, resolved against the article's publication date (and where that date
/// came from), or undated because no publication date is known.</summary>
public sealed record TimelineEvent(string Expression, EventDate? Date, string Basis, CitedLine Line)
{
    public const string Stated = "stated";
    public const string Undated = "undated";

    public static string ResolvedFrom(string publicationSource) => $"resolved against the publication date ({publicationSource})";
}
