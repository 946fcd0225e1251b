using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Wire;
using Newsdesk.Text;

namespace Newsdesk.Discord.Replies;

/// <summary>Turns an <see cref="Answer"/> into one embed: the question as title, the answer (with its "[n]" markers)
/// as description, one field per citation, a note when the offline composer stood in, the backend in the footer, and
/// 👍/👎 buttons. Every piece is kept within Discord's limits (docs/protocols.md, "Discord messages").</summary>
public static class DiscordAnswerFormatter
{
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldNameLimit = 256;
    public const int FieldValueLimit = 1024;
    public const int FieldCountLimit = 25;
    public const int EmbedTotalLimit = 6000;
    public const int ContentLimit = 2000;
    private const int QuoteLimit = 300;
    private const int AnsweredColor = 0x2B6CB0;
    private const int DeclinedColor = 0x718096;

    public const string Apology = "Sorry, something went wrong while I was answering. Please try again in a moment.";

    public static DiscordMessagePayload Format(Answer answer, string feedbackKey)
    {
        var fields = new List<DiscordEmbedField>();
        if (answer.FallbackReason is { Length: > 0 } reason)
            fields.Add(new DiscordEmbedField("Note", MarkdownText.CutThenEscape(reason, FieldValueLimit, DiscordTextCutter.Cut)));
        // Titles render Markdown too, and the question is the asker's own text: shown as typed, never as formatting.
        var title = MarkdownText.CutThenEscape(answer.Question, TitleLimit, DiscordTextCutter.Cut);
        var footer = new DiscordEmbedFooter(AnswerAttribution.Describe(answer.Backend));

        // The description gets what the other parts leave of the 6,000 total; citations come first because an
        // answer without its sources is worse than a shorter one.
        var reserve = title.Length + footer.Text.Length + 500;
        foreach (var citation in answer.Citations)
        {
            if (fields.Count == FieldCountLimit) break;
            var field = CitationField(citation);
            if (reserve + fields.Sum(f => f.Name.Length + f.Value.Length) + field.Name.Length + field.Value.Length > EmbedTotalLimit) break;
            fields.Add(field);
        }
        var room = EmbedTotalLimit - title.Length - footer.Text.Length - fields.Sum(f => f.Name.Length + f.Value.Length);
        // Answer and quotes are article text: cut (keeping "[n]" markers whole), then Markdown-escaped.
        var description = MarkdownText.CutThenEscape(answer.Text, Math.Min(DescriptionLimit, room), DiscordTextCutter.Cut);
        var embed = new DiscordEmbed(title, description, fields, footer, answer.IsAnswered ? AnsweredColor : DeclinedColor);
        return new DiscordMessagePayload(Embeds: [embed], Components: [FeedbackButtons(feedbackKey)]);
    }

    public static DiscordMessagePayload FormatFailure() => new(Content: Apology, Embeds: [], Components: []);

    public static DiscordComponent FeedbackButtons(string feedbackKey) => DiscordComponent.Row(
        DiscordComponent.Button(DiscordFeedbackId.Create(feedbackKey, isHelpful: true), "Helpful", "👍"),
        DiscordComponent.Button(DiscordFeedbackId.Create(feedbackKey, isHelpful: false), "Not helpful", "👎"));

    private static DiscordEmbedField CitationField(Citation citation)
    {
        var name = $"[{citation.Number}] " + MarkdownText.CutThenEscape(citation.Title, FieldNameLimit - 8, DiscordTextCutter.Cut);
        var where = citation.Url is { } url ? $"<{url}>" : $"`{citation.Source.Replace('`', '\'')}`";
        var quote = citation.Quote.Length == 0 ? "" : "> " + MarkdownText.CutThenEscape(citation.Quote.ReplaceLineEndings(" "), QuoteLimit, DiscordTextCutter.Cut) + "\n";
        var value = quote + where;
        // Past the limit the quote goes first, then an over-long link gives way to the source's name: never a cut link.
        if (value.Length > FieldValueLimit) value = where.Length <= FieldValueLimit ? where : $"`{DiscordTextCutter.Cut(citation.Source.Replace('`', '\''), FieldValueLimit - 2)}`";
        return new DiscordEmbedField(name, value);
    }
}
