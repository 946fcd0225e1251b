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

/// <summary>A digest before any platform formats it. A day with no story to lead is a quiet day, whether nothing on
/// the beat arrived or nothing the classifier was sure enough of to lead with: a reader is not sent a digest of
/// nothing but a count. The quiet line says how many possible stories arrived, so a reader can still ask about them,
/// and <see cref="DigestOptions.SkipWhenEmpty"/> skips both kinds alike.</summary>
/// <param name="Heading">"Friday 14 March 2025": the local date of the slot.</param>
/// <param name="MoreCount">Music-industry stories that arrived but were left out to keep the digest short (stories off
/// the beat are never counted).</param>
public sealed record DigestContent(string Heading, IReadOnlyList<DigestTopic> Topics, int MoreCount)
{
    public bool IsQuiet => Topics.Count == 0;

    public const string QuietLine = "A quiet day: no new music-industry stories since the last digest.";

    /// <summary>What a quiet day's digest says: <see cref="QuietLine"/>, or, when stories arrived that may be on the
    /// beat but none clearly enough to lead, how many.</summary>
    public string QuietText => MoreCount == 0 ? QuietLine
        : $"A quiet day: no clear music-industry headline since the last digest. {MoreCount} {(MoreCount == 1 ? "story" : "stories")} that may be arrived: ask me about them.";

    public int StoryCount => Topics.Sum(t => t.Stories.Count);

    /// <summary>"…and 3 more music-industry stories arrived." for a digest that left some out.</summary>
    public static string MoreLine(int count) =>
        $"…and {count} more music-industry {(count == 1 ? "story" : "stories")} arrived: ask me about them.";
}
