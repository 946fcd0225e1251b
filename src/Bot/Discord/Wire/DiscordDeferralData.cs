namespace Newsdesk.Discord.Wire;

/// <summary>The data of a deferral: only flags (EPHEMERAL) are valid here.</summary>
public sealed record DiscordDeferralData(int Flags);
