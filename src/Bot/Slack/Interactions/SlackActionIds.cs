namespace Newsdesk.Slack.Interactions;

/// <summary>The <c>action_id</c>s of the bot's buttons and what their <c>value</c> carries: a vote's
/// "up:KEY"/"down:KEY" (the answer's key in <see cref="AnswerFeedbackStore"/>), a digest story's follow-up question,
/// a story brief's next page.</summary>
public static class SlackActionIds
{
    public const string Vote = "newsdesk_vote";
    public const string FollowUp = "newsdesk_followup";
    public const string StoryPage = "newsdesk_story_page";

    /// <summary>Slack caps a button's value at 2,000 characters (docs/protocols.md, "Slack interactivity").</summary>
    public const int MaxValue = 2000;

    public static string VoteValue(string answerKey, bool isHelpful) => (isHelpful ? "up:" : "down:") + answerKey;

    /// <summary>A button to a page of a story's brief (its "More", a digest story's brief): "PAGE|TOPIC".</summary>
    public static string StoryPageValue(int page, string topic) => $"{page}|{topic}";

    public static bool TryParseStoryPage(string? value, out int page, out string topic)
    {
        (page, topic) = (0, "");
        var bar = value?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (bar <= 0 || !int.TryParse(value![..bar], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page)) return false;
        topic = value[(bar + 1)..].Trim();
        return page >= 1 && topic.Length > 0;
    }

    public static bool TryParseVote(string? value, out string answerKey, out bool isHelpful)
    {
        isHelpful = value?.StartsWith("up:", StringComparison.Ordinal) == true;
        answerKey = value is null ? "" : isHelpful ? value[3..] : value.StartsWith("down:", StringComparison.Ordinal) ? value[5..] : "";
        return answerKey.Length > 0;
    }
}
