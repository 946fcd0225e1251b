using System.Text.Json.Nodes;
using Newsdesk.Digest;
using Newsdesk.Discord.Commands;
using Newsdesk.Stories;

namespace Newsdesk.Discord.Posting;

/// <summary>The Execute Webhook body for a digest: a short <c>content</c> line and one embed per running topic, within
/// Discord's limits (docs/protocols.md, "Discord messages": content ≤ 2000, ≤ 10 embeds, title ≤ 256, description ≤ 4096, all embed text
/// ≤ 6000) and with <c>allowed_mentions: {parse: []}</c> so nothing in a story can ping anyone (D5). Each story shown
/// gets a follow-up button that asks about it, and each topic's lead a button to its story brief (rows of five, labels
/// ≤ 80, at most 25); a channel webhook that no application owns
/// ignores such buttons, a bot's post (<c>discord:ID</c>) carries them.</summary>
public static class DiscordWebhookDigestMessage
{
    private const int MaxEmbeds = 10;
    private const int MaxEmbedText = 6000;
    private const int TitleLimit = 256;
    private const int DescriptionLimit = 4096;
    private const int FooterLimit = 2048;

    public static JsonObject Build(DigestContent digest, string marker)
    {
        var embeds = new JsonArray();
        var budget = MaxEmbedText - Footer(marker).Length - 64;
        var shown = 0;
        foreach (var topic in digest.Topics)
        {
            // Leave room for the closing embed that carries the marker.
            if (embeds.Count == MaxEmbeds - 1) break;
            var title = Truncate(topic.Lead.Title, TitleLimit);
            var description = Truncate(Describe(topic), DescriptionLimit);
            if (title.Length + description.Length > budget) break;
            budget -= title.Length + description.Length;
            var embed = new JsonObject { ["title"] = title, ["description"] = description };
            if (topic.Lead.Url is not null) embed["url"] = topic.Lead.Url.AbsoluteUri;
            embeds.Add(embed);
            shown += topic.Stories.Count;
        }
        var more = digest.StoryCount - shown + digest.MoreCount;
        var closing = digest.IsQuiet ? digest.QuietText
            : more > 0 ? DigestContent.MoreLine(more) : "That's all for today.";
        embeds.Add(new JsonObject { ["description"] = closing, ["footer"] = new JsonObject { ["text"] = Truncate(Footer(marker), FooterLimit) } });
        var message = new JsonObject
        {
            ["content"] = Truncate($"**Newsdesk digest: {digest.Heading}**", 2000),
            ["embeds"] = embeds,
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        // Each story's follow-up, and after each topic's lead a button to that story's brief.
        var buttons = digest.Topics.SelectMany(t => t.Stories.Select((story, i) => (Story: story, IsLead: i == 0))).Take(shown)
            .SelectMany(s => s.IsLead ? new[] { FollowUpButton(s.Story), BriefButton(s.Story) } : new[] { FollowUpButton(s.Story) }).Take(MaxButtons).ToList();
        if (buttons.Count > 0)
            message["components"] = new JsonArray([.. buttons.Chunk(5).Select(row => (JsonNode)new JsonObject { ["type"] = 1, ["components"] = new JsonArray([.. row]) })]);
        return message;
    }

    private const int MaxButtons = 25;

    private static JsonNode FollowUpButton(DigestStory story) => new JsonObject
    {
        ["type"] = 2,
        ["style"] = 2,
        ["label"] = Truncate("Ask: " + story.Title, 80),
        ["custom_id"] = DiscordFollowUpId.Create(story.FollowUpQuestion),
    };

    /// <summary>A click shows the story's brief privately (<c>/story</c> with the story's title as the topic).</summary>
    private static JsonNode BriefButton(DigestStory story) => new JsonObject
    {
        ["type"] = 2,
        ["style"] = 2,
        ["label"] = Truncate("Brief: " + story.Title, 80),
        ["custom_id"] = DiscordStoryId.Create(1, StoryBriefLines.TopicOf(story.Title)),
    };

    public static string Footer(string marker) => $"Newsdesk digest · ref {marker}";

    private static string Describe(DigestTopic topic)
    {
        var lead = topic.Lead;
        var text = $"*{DigestMarkdown.Escape(lead.Source)}*{DigestMarkdown.AlsoReportedBy(lead)}: {DigestMarkdown.Escape(lead.Summary)}";
        foreach (var related in topic.Stories.Skip(1))
        {
            var title = DigestMarkdown.Escape(related.Title);
            var link = related.Url is null ? title : $"[{title}](<{related.Url.AbsoluteUri}>)";
            text += $"\n↳ Related: {link} (*{DigestMarkdown.Escape(related.Source)}*): {DigestMarkdown.Escape(related.Summary)}";
        }
        return text;
    }

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - 1), "…");
}
