using Newsdesk.Chat.Intake;

namespace Newsdesk.Slack.Replies;

/// <summary>The Slack adapter's own short fixed messages; those every adapter shares are <see cref="ChatNotices"/>.</summary>
public static class SlackNotices
{
    public const string Looking = "Looking…";

    public const string Help = """
        Ask me about music-industry news.
        • Mention me in a channel (I answer in the thread), or send me a direct message.
        • `/newsdesk ask <question>`: only you see the answer; `/newsdesk ask! <question>` posts it in the channel.
        • `/newsdesk story <topic>`: a story at a glance: who says what, the timeline and what is still open, every line cited.
        • `/newsdesk digest`: today's newest stories.
        • `/newsdesk sources [topic]`: the stories I follow, or those about a topic.
        • Admins: `/newsdesk feeds add <url> [name]`, `feeds list`, `feeds remove <url or name>`; `/newsdesk digest subscribe|unsubscribe [#channel]`, `digest when`; `/newsdesk mode mentions|all`.
        • `/newsdesk help`: this message.
        """;
}
