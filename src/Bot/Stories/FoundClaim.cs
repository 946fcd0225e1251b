namespace Newsdesk.Stories;

/// <summary>A claim found in one article: which of its entities makes it, with which verb, in which sentence, and
/// whether it pushes back against something said before ("counter", "denies", a sentence opening "But").</summary>
public sealed record FoundClaim(int Entity, string Verb, int Sentence, bool IsCounter);
