namespace Newsdesk.Digest;

/// <summary>Where a story was reported: a feed's name, or an imported file's path from the folder it was imported
/// with; and the article's link when one is known.</summary>
public sealed record DigestSource(string Name, Uri? Url);
