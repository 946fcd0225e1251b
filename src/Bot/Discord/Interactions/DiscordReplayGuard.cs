using Newsdesk.Chat;

namespace Newsdesk.Discord.Interactions;

/// <summary>Remembers the ids of interactions already handled, in the shared store, so a captured, validly signed
/// request sent again runs nothing, after a restart or on another process too. Discord signs timestamp + body but
/// documents no freshness window (docs/protocols.md, "Discord request signing") and never re-sends an interaction, so
/// the interaction id (a snowflake, unique per interaction and covered by the signature) is the nonce. Kept for
/// <see cref="Retention"/>, beyond the interaction token's 15 minutes, after which a replay can neither edit nor
/// follow up anything on Discord. An older replay is still limited by the per-user rate limit of the user it names.</summary>
public sealed class DiscordReplayGuard(IChatReplayGuard guard)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>True the first time an id is seen; false for a replay.</summary>
    public Task<bool> TryClaimAsync(string interactionId, CancellationToken cancellationToken) =>
        guard.TryClaimAsync($"Discord:{interactionId}", Retention, cancellationToken);
}
