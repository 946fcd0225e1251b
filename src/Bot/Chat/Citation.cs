namespace Newsdesk.Chat;

/// <summary>One numbered source an answer relies on.</summary>
/// <param name="Number">The number used in the answer text, as in "[1]".</param>
/// <param name="Source">The document's path relative to its corpus folder, or its URL.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Quote">The exact passage text relied on (a verbatim span of the stored passage).</param>
/// <param name="Url">A link to the article when one is known.</param>
public sealed record Citation(int Number, string Source, string Title, string Quote, Uri? Url);
