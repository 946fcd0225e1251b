using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Digest;

/// <summary>One story that arrived in a digest's window, with its beat margin.</summary>
public sealed record DigestCandidate(ArrivedStory Story, double Margin);
