namespace Newsdesk.Stories;

/// <summary>One line of a brief: a sentence quoted verbatim from an article (or, in a language model's brief, its
/// line that passed the grounding check against such sentences), and the number of that article in the brief's source
/// list, so every line can be checked against its citation.</summary>
public sealed record CitedLine(string Text, int Source);
