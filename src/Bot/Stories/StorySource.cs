using Newsdesk.Corpus;

namespace Newsdesk.Stories;

/// <summary>An article a brief draws on, numbered as its citations are.</summary>
public sealed record StorySource(int Number, long DocumentId, string Source, string Title, Uri? Url, PublicationDate? Published);
