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

/// <summary>Article text is untrusted markup. A masked link in it ("[the Harbourline site](http://evil.example/phish)")
/// must not render in a Discord answer, whose escaping must agree with the digest's; Slack's mrkdwn must be verbatim
/// and never cut inside an entity or a link; embeds carry only fields Discord's schema has.</summary>
public sealed partial class UntrustedMarkupTests
{
    private const string Phish = "Fans were sent to [the Harbourline site](http://evil.example/phish) for cheap albums, see https://evil.example/free too.";
    private static readonly Uri Story = new("https://news.example/harbourline-story");

    private static Answer PhishingAnswer(string? text = null) => new("Where can I buy the album?", true, text ?? Phish + " [1]",
        [new Citation(1, "feeds/harbourline.html", "Harbourline [click](http://evil.example/t)", Phish, Story)], "offline", null, []);

    [Fact]
    public void AMaskedLinkInArticleTextNeverRendersInADiscordAnswer()
    {
        var payload = DiscordAnswerFormatter.Format(PhishingAnswer(), "1");
        var embed = payload.Embeds!.Single();
        var texts = new[] { embed.Description! }.Concat(embed.Fields!.SelectMany(f => new[] { f.Name, f.Value })).ToList();

        // The same escaping as the digest gives the same article text.
        Assert.Equal(DigestMarkdown.Escape(Phish + " [1]"), embed.Description);
        Assert.All(texts, text => Assert.DoesNotMatch(MaskedLink(), text));
        // The only address a reader can follow is the bot's own citation.
        Assert.All(texts.SelectMany(t => Address().Matches(t)), address => Assert.Equal(Story.AbsoluteUri, address.Value));
    }

    [Fact]
    public void TheAskersOwnQuestionShowsAsTypedInTheDiscordEmbedTitle()
    {
        // Embed titles render Markdown (bold, strike, code): the question is the asker's text, shown literally.
        var question = "is **AllofMP3** ~~legal~~ `now`?";
        var payload = DiscordAnswerFormatter.Format(PhishingAnswer() with { Question = question }, "1");

        Assert.Equal(DigestMarkdown.Escape(question), payload.Embeds!.Single().Title);
    }

    [Fact]
    public void DiscordEmbedsCarryOnlyFieldsDiscordsSchemaHas()
    {
        var json = JsonSerializer.SerializeToNode(DiscordAnswerFormatter.Format(PhishingAnswer(), "1"), DiscordJson.Options)!;
        string[] schema = ["title", "type", "description", "url", "timestamp", "color", "footer", "image", "thumbnail", "video", "provider", "author", "fields"];

        Assert.All(json["embeds"]!.AsArray(), embed => Assert.All(embed!.AsObject(), property => Assert.Contains(property.Key, schema)));
    }

    [Fact]
    public void SlackMrkdwnIsVerbatimAndNeverCutInsideAnEntityOrALink()
    {
        var crowded = string.Concat(Enumerable.Repeat("Tom & Jerry <b> ", 400));
        var answer = PhishingAnswer(crowded) with
        {
            Citations = [new Citation(1, "feeds/x.html", string.Concat(Enumerable.Repeat("R&B ", 900)), "", Story)],
        };
        var digest = new DigestContent("Friday 14 March 2025", [new DigestTopic([new DigestStory("A & B", Story, "feeds", crowded, 1, DateTimeOffset.UnixEpoch)])], 0);

        foreach (var blocks in new[] { new SlackAnswerFormatter().Format(answer).Blocks, SlackDigestFormatter.Format(digest, "m1").Blocks })
        {
            var mrkdwn = blocks.SelectMany(TextObjects).Where(t => (string?)t["type"] == "mrkdwn").ToList();
            Assert.NotEmpty(mrkdwn);
            Assert.All(mrkdwn, t => Assert.True((bool?)t["verbatim"] == true, t.ToJsonString()));
            Assert.All(mrkdwn.Select(t => (string)t["text"]!), text =>
            {
                Assert.DoesNotMatch(BrokenEntity(), text);
                Assert.Equal(text.Count(c => c == '<'), text.Count(c => c == '>'));
                Assert.True(text.Length <= 3000, $"{text.Length} characters");
            });
        }
    }

    private static IEnumerable<JsonObject> TextObjects(JsonNode? block) => block switch
    {
        JsonObject o when o["type"] is { } type && (string?)type is "mrkdwn" or "plain_text" && o["text"] is JsonValue => [o],
        JsonObject o => o.SelectMany(p => TextObjects(p.Value)),
        JsonArray a => a.SelectMany(TextObjects),
        _ => [],
    };

    // "[label](" not preceded by a backslash on either bracket.
    [GeneratedRegex(@"(?<!\\)\[[^\]]*(?<!\\)\]\(")]
    private static partial Regex MaskedLink();

    [GeneratedRegex(@"https?://[^\s>)]+")]
    private static partial Regex Address();

    // An '&' that does not start one of the three entities Slack uses.
    [GeneratedRegex(@"&(?!(?:amp|lt|gt);)")]
    private static partial Regex BrokenEntity();
}
