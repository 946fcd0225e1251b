using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Interactions;

/// <summary>What a command comes to: a question to answer, or work that makes a message, or a refusal said at once.</summary>
public sealed record DiscordCommandPlan(string? Question, Func<CancellationToken, Task<DiscordMessagePayload>>? Work, string? Refusal, bool IsEphemeral)
{
    /// <summary>Set for a page of a story brief: the work is journalled like a question (its topic as the question),
    /// so a crash before the reply loses nothing.</summary>
    public int? StoryPage { get; init; }

    public static DiscordCommandPlan Story(string topic, int page, Func<CancellationToken, Task<DiscordMessagePayload>> work, bool isEphemeral) =>
        new(topic, work, null, isEphemeral) { StoryPage = page };

    public static DiscordCommandPlan Refuse(string text) => new(null, null, text, IsEphemeral: true);

    public static DiscordCommandPlan Ask(string question, bool isEphemeral) => new(question, null, null, isEphemeral);

    public static DiscordCommandPlan Run(Func<CancellationToken, Task<DiscordMessagePayload>> work, bool isEphemeral = false) => new(null, work, null, isEphemeral);
}
