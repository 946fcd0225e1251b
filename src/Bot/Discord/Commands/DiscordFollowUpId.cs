using System.Text.Json;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Commands;

/// <summary>The <c>custom_id</c> of a digest story's follow-up button, "ask:QUESTION" (≤ 100 characters, so a long
/// question is cut at a word): a click asks that question privately, as /ask would.</summary>
public static class DiscordFollowUpId
{
    private const string Prefix = "ask:";
    private const int Limit = 100;

    public static string Create(string question)
    {
        if (Prefix.Length + question.Length <= Limit) return Prefix + question;
        var cut = question[..(Limit - Prefix.Length)];
        var space = cut.LastIndexOf(' ');
        return Prefix + (space > 0 ? cut[..space] : cut);
    }

    public static bool TryParse(string? customId, out string question)
    {
        question = customId is not null && customId.StartsWith(Prefix, StringComparison.Ordinal) ? customId[Prefix.Length..].Trim() : "";
        return question.Length > 0;
    }

    /// <summary>The question as /ask's data, answered privately: a click is one reader's curiosity, not the channel's.</summary>
    public static DiscordInteractionData AsAskData(string question) => new(null, DiscordCommandCatalog.Ask, 1,
        [
            new DiscordCommandOption("question", 3, JsonSerializer.SerializeToElement(question), null, null),
            new DiscordCommandOption("private", 5, JsonSerializer.SerializeToElement(true), null, null),
        ], null);
}
