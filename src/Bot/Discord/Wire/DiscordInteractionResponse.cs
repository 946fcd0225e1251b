using System.Text.Json.Serialization;

namespace Newsdesk.Discord.Wire;

/// <summary>The body of the HTTP response to an interaction. <see cref="Data"/> is a message payload, autocomplete
/// choices or nothing (serialised by its runtime type).</summary>
public sealed record DiscordInteractionResponse(int Type, object? Data = null)
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int AutocompleteResult = 8;

    /// <summary>Run by the HTTP layer once this body has been written (or failed to be); not part of the JSON.</summary>
    [JsonIgnore]
    public Action? AfterSent { get; init; }

    public static DiscordInteractionResponse Message(DiscordMessagePayload payload) => new(ChannelMessage, payload);

    /// <summary>Type 5. Ephemeral must be decided now: it is the only flag a deferral may carry, and the later
    /// edit cannot change it (docs/protocols.md, "Interactions").</summary>
    public static DiscordInteractionResponse Deferred(bool isEphemeral) =>
        new(DeferredChannelMessage, isEphemeral ? new DiscordDeferralData(DiscordMessagePayload.Ephemeral) : null);
}
