namespace Newsdesk.Digest;

/// <summary>One story in a digest: what every platform shows (title, link, source, summary).</summary>
/// <param name="Relevance">Importance: centrality to the beat, how many sources carry it, how new it is (see <see cref="DigestComposer"/>).</param>
/// <param name="AlsoReportedBy">Near-duplicates of this story from other sources (the same story, reported again), grouped under it.</param>
public sealed record DigestStory(string Title, Uri? Url, string Source, string Summary, double Relevance, DateTimeOffset ArrivedAt,
    IReadOnlyList<DigestSource>? AlsoReportedBy = null)
{
    /// <summary>Every source of the story, this one first.</summary>
    public IReadOnlyList<DigestSource> Sources => [new DigestSource(Source, Url), .. AlsoReportedBy ?? []];

    /// <summary>The question a reader's follow-up button asks about this story.</summary>
    public string FollowUpQuestion => $"Tell me about this story: {Title}";
}

/// <summary>Stories on one running topic, the most relevant first.</summary>
public sealed record DigestTopic(IReadOnlyList<DigestStory> Stories)
{
    public DigestStory Lead => Stories[0];
}

/// <summary>A digest before any platform formats it. No topics and nothing more to count is a quiet day; no topics
/// but a count is a day whose music stories were none sure enough to lead (it says how many arrived).</summary>
/// <param name="Heading">"Friday 14 March 2025": the local date of the slot.</param>
/// <param name="MoreCount">Music-industry stories that arrived but were left out to keep the digest short (stories off
/// the beat are never counted).</param>
public sealed record DigestContent(string Heading, IReadOnlyList<DigestTopic> Topics, int MoreCount)
{
    public bool IsQuiet => Topics.Count == 0 && MoreCount == 0;

    public const string QuietLine = "A quiet day: no new music-industry stories since the last digest.";

    public int StoryCount => Topics.Sum(t => t.Stories.Count);

    /// <summary>"…and 3 more music-industry stories arrived." for a digest that left some out.</summary>
    public static string MoreLine(int count) =>
        $"…and {count} more music-industry {(count == 1 ? "story" : "stories")} arrived: ask me about them.";
}
