using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

using Newsdesk.Digest;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Commands;

/// <summary>/sources, /about and /digest: what the bot follows and how it works, from the store and the settings.</summary>
public sealed class DiscordInfoCommands(IKnowledgeStore store, PassageRetriever retriever, IOptions<AnsweringOptions> answering, DigestPreview digest,
    BeatJudge beat)
{
    private const int ListColor = 0x2F855A;
    private const int ListedStories = 25;

    public async Task<DiscordMessagePayload> SourcesAsync(string? topic, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            // Only what is on the beat is listed as followed: the store may hold film or sport stories too.
            var documents = (await store.ListDocumentsAsync(int.MaxValue, cancellationToken)).Where(d => beat.IsOnBeat(d.Source)).Take(ListedStories).ToList();
            var text = documents.Count == 0 ? "I follow no articles yet." : DiscordStoryList.Join(documents.Select(d => DiscordStoryList.Line(d.Title, d.Url, d.Source)));
            return Embed("Articles I follow (newest first)", text);
        }
        var result = await retriever.RetrieveAsync(topic, cancellationToken);
        var passages = result.Passages.Select(p => p.Passage).Where(p => beat.IsOnBeat(p.Source)).DistinctBy(p => p.Source).ToList();
        var title = DiscordTextCutter.Cut(result.IsCovered ? $"Articles about “{topic}”" : $"Nothing clearly about “{topic}”; the closest articles", DiscordAnswerFormatter.TitleLimit);
        var lines = passages.Count == 0 ? "I follow no articles yet." : DiscordStoryList.Join(passages.Select(p => DiscordStoryList.Line(p.Title, p.Url, p.Source)));
        return Embed(title, lines);
    }

    public async Task<DiscordMessagePayload> AboutAsync(CancellationToken cancellationToken)
    {
        var settings = answering.Value;
        var documents = await store.ListDocumentsAsync(int.MaxValue, cancellationToken);
        var backend = settings.UsesLanguageModel ? $"{settings.Backend} ({settings.LanguageModel.Model})" : "Offline (no language model: answers are built from quoted sentences)";
        var description = """
            I answer questions about music-industry news, using only the articles I follow. Every answer cites its sources with numbers such as [1], and quotes the passage it relies on. When the articles don't cover a question, I say so rather than guess.

            Try /ask, /sources, or /digest.
            """;
        var embed = new DiscordEmbed("About Newsdesk", description,
        [
            new DiscordEmbedField("Backend", backend, Inline: true),
            new DiscordEmbedField("Articles", documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Inline: true),
        ], new DiscordEmbedFooter("Newsdesk"), ListColor);
        return new DiscordMessagePayload(Embeds: [embed]);
    }

    /// <summary>Today's digest exactly as the scheduled one would be composed now, shown only to the person asking.</summary>
    public async Task<DiscordMessagePayload> DigestPreviewAsync(CancellationToken cancellationToken)
    {
        var content = await digest.BuildAsync(cancellationToken);
        var text = DiscordTextCutter.Cut(DigestMarkdown.Render(content), DiscordAnswerFormatter.DescriptionLimit);
        var embed = new DiscordEmbed($"Digest preview · {content.Heading}", text, Footer: new DiscordEmbedFooter("Preview: only you can see this."), Color: ListColor);
        return new DiscordMessagePayload(Embeds: [embed], Flags: DiscordMessagePayload.Ephemeral);
    }

    /// <summary>What the bot can do and how to ask; the same for everyone, so it needs no store.</summary>
    public static DiscordMessagePayload Help()
    {
        const string description = """
            I answer questions about music-industry news from the articles I follow, cite them with [1], [2]…, and say so when they don't cover a question.

            **Ask**
            • /ask question: Who shut down AllofMP3? (add private: True to see the answer alone)
            • On any message: ⋯ › Apps › Ask Newsdesk about this (only you see the answer)
            • 👍/👎 under an answer tells the team what to fix.

            **Browse**
            • /story topic: AllofMP3 — who says what, the timeline and what is still open
            • /sources [topic] — the articles I follow · /about — how I work · /digest preview — today's digest

            **Set up (Manage Server)**
            • /feeds add url: https://… [name] · /feeds list · /feeds remove feed: …
            • /digest subscribe [channel] · /digest unsubscribe [channel] · /digest when
            """;
        return new DiscordMessagePayload(Embeds: [new DiscordEmbed("Newsdesk help", description, Color: ListColor)], Flags: DiscordMessagePayload.Ephemeral);
    }

    private static DiscordMessagePayload Embed(string title, string description) =>
        new(Embeds: [new DiscordEmbed(title, description, Color: ListColor)]);
}
