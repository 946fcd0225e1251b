namespace Newsdesk.Discord.Wire;

/// <summary>The partial channel an interaction carries (<c>channel</c>: its id and type), read to tell a thread from a
/// plain channel (docs/protocols.md, "Discord threads").</summary>
public sealed record DiscordChannel(string? Id, int? Type)
{
    public const int AnnouncementThread = 10;
    public const int PublicThread = 11;
    public const int PrivateThread = 12;

    public bool IsThread => Type is AnnouncementThread or PublicThread or PrivateThread;
}
