using System.Text.Json.Nodes;
using Newsdesk.Digest;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.Wire;
using Newsdesk.Stories;

namespace Newsdesk.Slack.Posting;

/// <summary>A digest in Block Kit: a header, one section per running topic (and a button to its brief), a closing context line with the digest's
/// marker. Within Slack's limits (docs/protocols.md, "Slack messages": ≤ 50 blocks, text ≤ 4,000; header text ≤ 150, section text
/// ≤ 3,000), every piece of article text escaped so none of it can form a mention or link.</summary>
public static class SlackDigestFormatter
{
    private const int MaxTopics = 20;
    private const int SectionLimit = 3000;

    public static SlackMessageContent Format(DigestContent digest, string marker)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = SlackText.Truncate($"Newsdesk digest: {digest.Heading}", 150) },
            },
        };
        foreach (var topic in digest.Topics.Take(MaxTopics))
        {
            var text = Story(topic.Lead, "");
            foreach (var related in topic.Stories.Skip(1)) text += "\n" + Story(related, "↳ Related: ");
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = SlackText.Mrkdwn(SlackText.Truncate(text, SectionLimit)),
                // A click asks the bot about the story, privately, as on Discord.
                ["accessory"] = SlackAnswerFormatter.Button("Ask about this", SlackActionIds.FollowUp,
                    SlackText.Truncate(topic.Lead.FollowUpQuestion, SlackActionIds.MaxValue)),
            });
            // The lead story's brief, privately, as /newsdesk story would show it: 20 topics take 41 of the 50 blocks.
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(SlackAnswerFormatter.Button("Story brief", SlackActionIds.StoryPage,
                    SlackActionIds.StoryPageValue(1, StoryBriefLines.TopicOf(topic.Lead.Title)))),
            });
        }
        var more = digest.MoreCount + digest.Topics.Skip(MaxTopics).Sum(t => t.Stories.Count);
        var closing = digest.IsQuiet ? digest.QuietText
            : more > 0 ? DigestContent.MoreLine(more) : "That's all for today.";
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { SlackText.Mrkdwn($"{SlackText.Escape(closing)} · digest ref {marker}") },
        });
        var fallback = digest.IsQuiet ? $"Newsdesk digest: {digest.Heading}. {digest.QuietText}"
            : $"Newsdesk digest: {digest.Heading}, {digest.StoryCount} {(digest.StoryCount == 1 ? "story" : "stories")}";
        return new SlackMessageContent(SlackText.Truncate(SlackText.Escape(fallback) + $" (ref {marker})", 4000), blocks);
    }

    private static string Story(DigestStory story, string prefix)
    {
        var title = story.Url is null ? SlackText.Escape(story.Title) : SlackText.Link(story.Url, story.Title);
        var also = story.AlsoReportedBy is { Count: > 0 } others
            ? $" (also: {string.Join(", ", others.Select(o => o.Url is null ? SlackText.Escape(o.Name) : SlackText.Link(o.Url, o.Name)))})"
            : "";
        return $"{prefix}*{title}*\n_{SlackText.Escape(story.Source)}_{also}: {SlackText.Escape(story.Summary)}";
    }
}
