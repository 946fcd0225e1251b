namespace Newsdesk.Discord.Wire;

/// <summary><c>{"parse": []}</c>: nobody, no role and not @everyone can be pinged by what the bot writes.</summary>
public sealed record DiscordAllowedMentions(IReadOnlyList<string> Parse)
{
    public static readonly DiscordAllowedMentions None = new([]);
}
