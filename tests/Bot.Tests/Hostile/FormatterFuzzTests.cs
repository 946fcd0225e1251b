using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Digest;
using Newsdesk.Discord;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;
using Newsdesk.Slack;
using Newsdesk.Slack.Posting;
using Newsdesk.Slack.Replies;

namespace Newsdesk.Tests.Hostile;

/// <summary>Properties of the Discord and Slack formatters over seeded answers and digests whose every text is hostile
/// (mentions, masked and bare links, Markdown and mrkdwn control characters, entities, huge lengths): no exception,
/// every platform limit held, no mention and no link created from text: the only addresses are the citations'.</summary>
public sealed partial class FormatterFuzzTests
{
    private const int Seed = 20261201;
    private const int Cases = 1500;

    private static Answer RandomAnswer(HostileText text, int i)
    {
        var citations = Enumerable.Range(1, text.Next(i % 10 == 0 ? 45 : 6)).Select(n => new Citation(n, "feeds/" + text.Markup(3),
            text.Markup(i % 7 == 0 ? 400 : 12), text.Markup(i % 5 == 0 ? 900 : 40), text.Next(3) == 0 ? null : Cite(n))).ToList();
        return new Answer(text.Markup(i % 9 == 0 ? 300 : 10), text.Next(4) > 0, text.Markup(i % 4 == 0 ? 2500 : 60), citations,
            "offline", text.Next(5) == 0 ? text.Markup(30) : null, [.. Enumerable.Range(0, text.Next(4)).Select(_ => text.Markup(8))]);
    }

    private static Uri Cite(int n) => new($"https://cite.example/story-{n}");

    [Fact]
    public void DiscordAnswersHoldEveryLimitAndCreateNoMentionOrLinkFromText()
    {
        var text = new HostileText(Seed);
        for (var i = 0; i < Cases; i++)
        {
            var answer = RandomAnswer(text, i);
            var payload = DiscordAnswerFormatter.Format(answer, "1");
            var embed = Assert.Single(payload.Embeds!);
            var context = $"case {i}";
            Assert.True(embed.Title!.Length <= 256 && embed.Description!.Length <= 4096 && embed.Fields!.Count <= 25, context);
            Assert.All(embed.Fields, f => Assert.True(f.Name.Length <= 256 && f.Value.Length <= 1024, context));
            Assert.True(embed.Length <= 6000, context);
            Assert.Empty(payload.AllowedMentions.Parse);
            // Inline code ("`feeds/…`") is shown literally by Discord: neither links nor mentions inside it.
            foreach (var shown in embed.Fields.SelectMany(f => new[] { f.Name, f.Value }).Append(embed.Description).Select(t => CodeSpan().Replace(t, "")))
            {
                Assert.DoesNotMatch(MaskedLink(), shown);
                Assert.DoesNotMatch(RawMention(), shown);
                Assert.All(Address().Matches(shown), a => Assert.Matches(@"^https://cite\.example/story-\d+$", a.Value));
            }
            _ = JsonSerializer.Serialize(payload, DiscordJson.Options);
        }
    }

    [Fact]
    public void SlackAnswersAndDigestsHoldEveryLimitAndCreateNoMentionOrLinkFromText()
    {
        var text = new HostileText(Seed + 1);
        var formatter = new SlackAnswerFormatter();
        for (var i = 0; i < Cases; i++)
        {
            var answer = RandomAnswer(text, i);
            var stories = Enumerable.Range(0, text.Next(30)).Select(n => new DigestStory(text.Markup(20), text.Next(3) == 0 ? null : Cite(n),
                text.Markup(3), text.Markup(i % 6 == 0 ? 600 : 40), 1, DateTimeOffset.UnixEpoch)).ToList();
            var digest = new DigestContent(text.Markup(4), [.. stories.Chunk(3).Select(c => new DigestTopic(c))], text.Next(5));
            foreach (var content in new[] { formatter.Format(answer), formatter.FormatNotice(text.Markup(50)), SlackDigestFormatter.Format(digest, "m" + i) })
            {
                var context = $"case {i}";
                Assert.True(content.Blocks.Count <= 50, context);
                Assert.True(content.Text.Length <= 4000, context);
                AssertSafeMrkdwn(content.Text, context);
                foreach (var textObject in content.Blocks.SelectMany(TextObjects))
                {
                    var shown = (string)textObject["text"]!;
                    Assert.True(shown.Length <= 3000, context);
                    // plain_text (the digest header) is never parsed for mentions or links.
                    if ((string?)textObject["type"] != "mrkdwn") continue;
                    Assert.True((bool?)textObject["verbatim"] == true, context);
                    AssertSafeMrkdwn(shown, context);
                }
            }
        }
    }

    /// <summary>Every '&lt;…&gt;' is one of our citation links; every '&amp;' starts an entity.</summary>
    private static void AssertSafeMrkdwn(string shown, string context)
    {
        Assert.DoesNotMatch(BrokenEntity(), shown);
        var withoutLinks = SlackLink().Replace(shown, "");
        Assert.True(!withoutLinks.Contains('<') && !withoutLinks.Contains('>'), $"{context}: {shown}");
    }

    private static IEnumerable<JsonObject> TextObjects(JsonNode? node) => node switch
    {
        JsonObject o when o["text"] is JsonValue && o["type"] is JsonValue type && (string?)type is "mrkdwn" or "plain_text" => [o],
        JsonObject o => o.SelectMany(p => TextObjects(p.Value)),
        JsonArray a => a.SelectMany(TextObjects),
        _ => [],
    };

    [GeneratedRegex(@"(?<!\\)\[[^\]]*(?<!\\)\]\(")]
    private static partial Regex MaskedLink();

    [GeneratedRegex(@"(?<!\\)`[^`]*`")]
    private static partial Regex CodeSpan();

    // "@everyone"/"@here" not broken by a word joiner, or an unescaped "<@", "<#", "<!".
    [GeneratedRegex(@"@(?:everyone|here)|(?<!\\)<[@#!]")]
    private static partial Regex RawMention();

    [GeneratedRegex(@"https?://[^\s>)\\|]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"<https://cite\.example/story-\d+\|[^<>]*>")]
    private static partial Regex SlackLink();

    [GeneratedRegex(@"&(?!(?:amp|lt|gt);)")]
    private static partial Regex BrokenEntity();
}
