namespace Newsdesk.Digest;

/// <summary>One story in a digest: what every platform shows (title, link, source, summary).</summary>
/// <param name="Relevance">Dense similarity to the beat plus a small recency bonus (see <see cref="DigestComposer"/>).</param>
public sealed record DigestStory(string Title, Uri? Url, string Source, string Summary, double Relevance, DateTimeOffset ArrivedAt);

/// <summary>Stories on one running topic, the most relevant first.</summary>
public sealed record DigestTopic(IReadOnlyList<DigestStory> Stories)
{
    public DigestStory Lead => Stories[0];
}

/// <summary>A digest before any platform formats it. <see cref="Topics"/> empty means a quiet day.</summary>
/// <param name="Heading">"Friday 14 March 2025": the local date of the slot.</param>
/// <param name="MoreCount">New stories left out to keep the digest short.</param>
public sealed record DigestContent(string Heading, IReadOnlyList<DigestTopic> Topics, int MoreCount)
{
    public bool IsQuiet => Topics.Count == 0;

    public const string QuietLine = "A quiet day: no new music-industry stories since the last digest.";

    public int StoryCount => Topics.Sum(t => t.Stories.Count);
}
