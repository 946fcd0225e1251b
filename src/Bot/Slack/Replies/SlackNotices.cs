namespace Newsdesk.Slack.Replies;

/// <summary>The bot's short fixed messages.</summary>
public static class SlackNotices
{
    public const string Failure = "Sorry, something went wrong while answering. Please try again in a moment.";

    public const string Busy = "I'm answering a lot of questions right now. Please try again in a moment.";

    public const string Looking = "Looking…";

    public const string Help = """
        Ask me about music-industry news.
        • Mention me in a channel (I answer in the thread), or send me a direct message.
        • `/newsdesk ask <question>`: only you see the answer; `/newsdesk ask! <question>` posts it in the channel.
        • `/newsdesk digest`: today's newest stories.
        • `/newsdesk sources [topic]`: the stories I follow, or those about a topic.
        • `/newsdesk help`: this message.
        """;
}
