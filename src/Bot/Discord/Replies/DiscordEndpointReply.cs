using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Replies;

/// <summary>What the interactions endpoint writes back, and what to do once it has been written (a deferred answer
/// must not edit the original message before Discord has seen the deferral).</summary>
public sealed record DiscordEndpointReply(DiscordInteractionResponse Response, Action? AfterSent = null);
