using System.Globalization;

namespace Newsdesk.Stories;

/// <summary>The pieces of a brief as a chat reply shows them, the same on every platform: parties named but given no
/// claim are still cited, by the first article that names them, so no line of a reply goes uncited.</summary>
public static class StoryBriefLines
{
    public const string FollowUpHint = "Ask a follow-up about any line";

    /// <summary>Parties the articles name without attributing a claim to them, each with the first article that
    /// names them.</summary>
    public static IReadOnlyList<(string Name, int? Source)> Involved(StoryBrief brief) =>
        brief.Parties.Where(p => p.Claims.Count == 0).Select(p => (p.Name, p.FirstSource)).ToList();

    /// <summary>Where a timeline event sits in time, as a reader should see it: the date at the precision known, or
    /// "undated" when no publication date anchors a relative expression.</summary>
    public static string When(TimelineEvent item) => item.Date switch
    {
        { Year: null, Month: { } month } date => $"{(date.Day is { } day ? $"{day} " : "")}{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)}, year unknown",
        { } date when date.ToString() is { Length: > 0 } known => known,
        _ => "undated",
    };

    /// <summary>Who wrote the brief's lines, for the line under it.</summary>
    public static string Authorship(StoryBrief brief) => brief.ComposedBy is { } model
        ? $"written by {model} from the articles' sentences, each line checked against the sentence it cites"
        : "every line is quoted from the article it cites";

    /// <summary>Most characters of a topic a button carries (a Discord custom_id holds 100 in all).</summary>
    public const int TopicLimit = 80;

    /// <summary>A story's title as the topic of its brief, cut at a word to <see cref="TopicLimit"/>: its own words
    /// find the story's article first.</summary>
    public static string TopicOf(string title)
    {
        var topic = title.Trim().TrimEnd('.', '!', '?');
        if (topic.Length <= TopicLimit) return topic;
        var space = topic.LastIndexOf(' ', TopicLimit);
        return (space > TopicLimit / 2 ? topic[..space] : topic[..TopicLimit]).Trim();
    }

    /// <summary>A party's name with the other names the articles give it.</summary>
    public static string Heading(StoryParty party)
    {
        var aliases = party.Mentions.Where(m => m != party.Name).ToList();
        return aliases.Count == 0 ? party.Name : $"{party.Name} (also: {string.Join(", ", aliases)})";
    }
}
