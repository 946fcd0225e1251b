using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newsdesk.Http;
using Newsdesk.Chat;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Newsdesk.Slack.Commands;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Endpoints;

/// <summary><c>POST /slack/events</c>, <c>POST /slack/commands</c> and <c>POST /slack/interactions</c>, mapped only when the signing secret and bot
/// token are set. The signature is checked over the raw bytes before anything is parsed: 401 and nothing runs.</summary>
public static class SlackEndpoints
{
    /// <summary>Slack's payloads are small; a larger body is not Slack's.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        if (!ChatAdapterStatus.Of(endpoints.ServiceProvider, SlackEventDispatcher.Platform).ServesHttp) return endpoints;
        endpoints.MapPost("/slack/events", EventsAsync);
        endpoints.MapPost("/slack/commands", CommandsAsync);
        endpoints.MapPost("/slack/interactions", InteractionsAsync);
        return endpoints;
    }

    private static async Task<IResult> EventsAsync(HttpContext context, SlackSignatureVerifier verifier, SlackEventDispatcher dispatcher, ILoggerFactory loggers)
    {
        var body = await CappedRequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!IsSigned(context.Request, verifier, body)) return Results.Unauthorized();

        SlackEventEnvelope? envelope;
        try { envelope = JsonSerializer.Deserialize<SlackEventEnvelope>(body, SlackJson.Options); }
        catch (JsonException) { return Results.BadRequest(); }
        if (envelope is null) return Results.BadRequest();
        if (envelope.Type == "url_verification")
            return envelope.Challenge is { Length: > 0 } challenge ? Results.Text(challenge, "text/plain") : Results.BadRequest();

        if (context.Request.Headers["X-Slack-Retry-Num"] is { Count: > 0 } retry)
            loggers.CreateLogger(typeof(SlackEndpoints)).LogInformation("Slack retry {Retry} ({Reason}) of event {EventId}",
                retry.ToString(), context.Request.Headers["X-Slack-Retry-Reason"].ToString(), envelope.EventId);
        await dispatcher.HandleAsync(envelope, CorrelationIdFeature.Of(context), context.RequestAborted);
        return Results.Ok();
    }

    private static async Task<IResult> CommandsAsync(HttpContext context, SlackSignatureVerifier verifier, SlackCommandHandler handler)
    {
        var body = await CappedRequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!IsSigned(context.Request, verifier, body)) return Results.Unauthorized();

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
        // Slack occasionally checks the certificate with ssl_check=1 and only wants a 200.
        if (form.TryGetValue("ssl_check", out var check) && check == "1") return Results.Ok();
        var command = SlackCommand.From(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        return command is null ? Results.BadRequest() : Results.Json(await handler.HandleAsync(command, CorrelationIdFeature.Of(context)));
    }

    /// <summary>Button clicks: a form with one field, <c>payload</c>, holding the JSON (docs/protocols.md, "Slack interactivity").</summary>
    private static async Task<IResult> InteractionsAsync(HttpContext context, SlackSignatureVerifier verifier, SlackInteractionHandler handler)
    {
        var body = await CappedRequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!IsSigned(context.Request, verifier, body)) return Results.Unauthorized();

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("payload", out var payload)) return Results.BadRequest();
        SlackInteraction? interaction;
        try { interaction = JsonSerializer.Deserialize<SlackInteraction>(payload.ToString(), SlackJson.Options); }
        catch (JsonException) { return Results.BadRequest(); }
        if (interaction is null || !await handler.HandleAsync(interaction, CorrelationIdFeature.Of(context), context.RequestAborted)) return Results.BadRequest();
        return Results.Ok();
    }

    private static bool IsSigned(HttpRequest request, SlackSignatureVerifier verifier, byte[] body) =>
        verifier.IsValid(request.Headers["X-Slack-Request-Timestamp"].ToString(), request.Headers["X-Slack-Signature"].ToString(), body);
}
