namespace Newsdesk.Corpus.Feeds;

/// <summary>Another source of a stored story: an item or file whose words were the same as an arrived story's, so it
/// was remembered but not stored again.</summary>
/// <param name="DocumentSource">The stored document the copy repeats.</param>
/// <param name="FeedName">The copy's feed name, or for an imported file its path from the folder it was imported with.</param>
/// <param name="Link">The copy's own article link, when it has one.</param>
public sealed record StoryCopy(string DocumentSource, string FeedName, Uri? Link);
