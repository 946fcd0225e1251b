using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Newsdesk.Http;
using Microsoft.Extensions.Logging;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Interactions;

/// <summary><c>POST /discord/interactions</c>. The signature is checked over the raw bytes before anything is
/// parsed; an unsigned, forged or malformed request gets 401 and nothing runs (Discord probes this on purpose and
/// removes endpoints that accept bad signatures: docs/protocols.md, "Interactions").</summary>
public sealed class DiscordInteractionEndpoint(
    DiscordSignatureVerifier verifier,
    DiscordInteractionDispatcher dispatcher,
    DiscordReplayGuard replays,
    ILogger<DiscordInteractionEndpoint> logger)
{
    /// <summary>Interactions are small JSON objects; anything far bigger is not from Discord, and gets 413 unread.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public const string AlreadyHandled = "This request was already handled.";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await CappedRequestBody.ReadAsync(request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (!verifier.IsValid(request.Headers["X-Signature-Ed25519"], request.Headers["X-Signature-Timestamp"], body))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        DiscordInteraction? interaction;
        try
        {
            // Invalid UTF-8 inside a string that stays a JsonElement would throw only when read, deep in a handler.
            interaction = System.Text.Unicode.Utf8.IsValid(body) ? JsonSerializer.Deserialize<DiscordInteraction>(body, DiscordJson.Options) : null;
        }
        catch (JsonException)
        {
            interaction = null;
        }
        // A ping runs nothing, so only other interactions are held to once; a replay is answered, harmlessly.
        var isReplay = interaction is { Type: not DiscordInteraction.Ping, Id: { Length: > 0 } id, Token.Length: > 0, Data: not null }
            && !await replays.TryClaimAsync(id, context.RequestAborted);
        if (isReplay) logger.LogWarning("A signed Discord interaction {Id} was sent again; it runs nothing", interaction!.Id);
        var reply = interaction is null ? null
            : isReplay ? DiscordInteractionResponse.Message(DiscordMessagePayload.Text(AlreadyHandled, isEphemeral: true))
            : await dispatcher.DispatchAsync(interaction, CorrelationIdFeature.Of(context), context.RequestAborted);
        if (reply is null)
        {
            logger.LogWarning("A signed Discord request was not an interaction this bot understands");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        try
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsJsonAsync(reply, reply.GetType(), DiscordJson.Options, "application/json", context.RequestAborted);
            await context.Response.CompleteAsync();
        }
        finally
        {
            // Even if writing failed, a queued answer must not wait forever; its edit will then fail and be logged.
            reply.AfterSent?.Invoke();
        }
    }
}
