namespace Newsdesk.Corpus;

/// <summary>An article after cleaning: its title and the paragraphs of its body, page furniture removed.</summary>
public sealed record CleanDocument(string Title, IReadOnlyList<string> Paragraphs)
{
    public bool IsEmpty => Paragraphs.Count == 0;
}
