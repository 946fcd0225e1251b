using Newsdesk.Corpus;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Commands;

/// <summary>Suggestions for /ask question: questions built from the titles of stored stories, the ones sharing the
/// most words with what the user has typed first (newest first on ties), at most 25 (docs/protocols.md, "Interactions", type 8).</summary>
public sealed class DiscordAutocompleteProvider(IKnowledgeStore store)
{
    public const int MaxChoices = 25;
    private const int ChoiceLimit = 100;
    private const int Candidates = 500;

    public async Task<IReadOnlyList<DiscordAutocompleteChoice>> SuggestAsync(string? typed, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(Candidates, cancellationToken);
        var words = Words(typed ?? "");
        var ranked = documents
            .Select((d, newest) => (Title: d.Title, Newest: newest, Matches: words.Count(w => d.Title.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Where(d => d.Title.Length > 0 && (words.Count == 0 || d.Matches > 0))
            .OrderByDescending(d => d.Matches).ThenBy(d => d.Newest);
        return ranked
            .Select(d => Question(d.Title))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxChoices)
            .Select(q => new DiscordAutocompleteChoice(q, q))
            .ToList();
    }

    /// <summary>Suggestions for /story topic: the titles of stored stories sharing the most words with what the user
    /// has typed (newest first on ties), each a topic the brief finds its story by.</summary>
    public async Task<IReadOnlyList<DiscordAutocompleteChoice>> SuggestStoriesAsync(string? typed, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(Candidates, cancellationToken);
        var words = Words(typed ?? "");
        return documents
            .Select((d, newest) => (Title: d.Title.Trim().TrimEnd('.', '!', '?'), Newest: newest, Matches: words.Count(w => d.Title.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Where(d => d.Title.Length > 0 && (words.Count == 0 || d.Matches > 0))
            .OrderByDescending(d => d.Matches).ThenBy(d => d.Newest)
            .Select(d => d.Title.Length <= DiscordStoryCommand.TopicLimit ? d.Title : DiscordTextCutter.Cut(d.Title, DiscordStoryCommand.TopicLimit))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxChoices)
            .Select(t => new DiscordAutocompleteChoice(t, t))
            .ToList();
    }

    private static string Question(string title)
    {
        const string Prefix = "What happened: ";
        var room = ChoiceLimit - Prefix.Length - 1;
        var subject = title.Trim().TrimEnd('.', '!', '?');
        return Prefix + (subject.Length <= room ? subject : DiscordTextCutter.Cut(subject, room)) + "?";
    }

    /// <summary>Words of three letters or more; shorter ones ("of", "a") match nearly every title.</summary>
    private static List<string> Words(string typed) =>
        typed.Split([' ', ',', '.', '?', '!', ':', ';', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
