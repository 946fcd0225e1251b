namespace Newsdesk.Slack.Interactions;

/// <summary>The <c>action_id</c>s of the bot's buttons and what their <c>value</c> carries: a vote's
/// "up:KEY"/"down:KEY" (the answer's key in <see cref="AnswerFeedbackStore"/>), a digest story's follow-up question.</summary>
public static class SlackActionIds
{
    public const string Vote = "newsdesk_vote";
    public const string FollowUp = "newsdesk_followup";

    /// <summary>Slack caps a button's value at 2,000 characters (docs/protocols.md, "Slack interactivity").</summary>
    public const int MaxValue = 2000;

    public static string VoteValue(string answerKey, bool isHelpful) => (isHelpful ? "up:" : "down:") + answerKey;

    public static bool TryParseVote(string? value, out string answerKey, out bool isHelpful)
    {
        isHelpful = value?.StartsWith("up:", StringComparison.Ordinal) == true;
        answerKey = value is null ? "" : isHelpful ? value[3..] : value.StartsWith("down:", StringComparison.Ordinal) ? value[5..] : "";
        return answerKey.Length > 0;
    }
}
