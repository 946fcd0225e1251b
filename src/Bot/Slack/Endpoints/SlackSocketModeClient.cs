using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Slack.Commands;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Endpoints;

/// <summary>Socket Mode (docs/protocols.md, "Socket Mode"): a WebSocket URL from apps.connections.open, every envelope acknowledged
/// by its envelope_id (an event once it is claimed and journalled, which takes milliseconds), handled by the same code
/// as the HTTP endpoints. On <c>disconnect</c> the next
/// socket is opened before the old one is closed, so no event falls in between; failures back off and reconnect.</summary>
public sealed class SlackSocketModeClient(
    SlackWebApiClient client,
    SlackEventDispatcher dispatcher,
    SlackCommandHandler commands,
    SlackInteractionHandler interactions,
    TimeProvider time,
    SlackSocketModeState state,
    ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ClientWebSocket? current = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var next = await ConnectAsync(stoppingToken);
                    await CloseQuietlyAsync(current);
                    current = next;
                    failures = 0;
                    if (await ReceiveUntilDisconnectAsync(current, stoppingToken)) continue;
                    // Closed without a disconnect notice: treat as a failure so a flapping server is not hammered.
                    throw new WebSocketException("Slack closed the Socket Mode connection");
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    await CloseQuietlyAsync(current);
                    current = null;
                    state.Failed(exception.Message, time.GetUtcNow());
                    var wait = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures++)));
                    logger.LogWarning("Slack Socket Mode connection failed ({Error}); reconnecting in {Seconds} s", exception.Message, wait.TotalSeconds);
                    await Task.Delay(wait, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseQuietlyAsync(current);
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var url = await client.OpenConnectionAsync(cancellationToken);
        var socket = new ClientWebSocket();
        // Stale sockets that stop answering pings are a known Socket Mode failure; a missing pong ends this one.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(15);
        await socket.ConnectAsync(url, cancellationToken);
        return socket;
    }

    /// <summary>Reads envelopes until Slack asks us to reconnect (true: the socket is still open) or the socket
    /// closes (false).</summary>
    private async Task<bool> ReceiveUntilDisconnectAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        while (socket.State == WebSocketState.Open)
        {
            var text = await ReadMessageAsync(socket, cancellationToken);
            if (text is null) return false;
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "hello")
            {
                state.Connected(time.GetUtcNow());
                logger.LogInformation("Slack Socket Mode connected");
            }
            else if (type == "disconnect")
            {
                logger.LogInformation("Slack asked for a reconnect ({Reason})", root.TryGetProperty("reason", out var r) ? r.GetString() : "");
                return true;
            }
            else if (root.TryGetProperty("envelope_id", out var id) && id.GetString() is { } envelopeId)
                await HandleEnvelopeAsync(socket, envelopeId, type, root, cancellationToken);
        }
        return false;
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, string envelopeId, string? type, JsonElement root, CancellationToken cancellationToken)
    {
        var payload = root.TryGetProperty("payload", out var p) ? p : default;
        if (type == "slash_commands" && payload.ValueKind == JsonValueKind.Object)
        {
            // The acknowledgement carries the command's immediate ephemeral answer, as the HTTP response does.
            var command = SlackCommand.From(name => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
            await AckAsync(socket, envelopeId, command is null ? null : await commands.HandleAsync(command, correlationId: null), cancellationToken);
            return;
        }
        if (type == "interactive" && payload.ValueKind == JsonValueKind.Object)
        {
            // A button click: the payload POST /slack/interactions would get, handled the same way (a vote is one
            // row write, a follow-up goes to the intake), then acknowledged.
            if (await HandleInteractionAsync(envelopeId, payload, cancellationToken)) await AckAsync(socket, envelopeId, null, cancellationToken);
            return;
        }
        if (type != "events_api" || payload.ValueKind != JsonValueKind.Object)
        {
            await AckAsync(socket, envelopeId, null, cancellationToken);
            return;
        }
        // Handled before the acknowledgement, as over HTTP: the claim and the chat journal are stored before Slack is
        // told we have the event, so a crash in between leaves it to Slack's redelivery or to the journal.
        try
        {
            var envelope = payload.Deserialize<SlackEventEnvelope>(SlackJson.Options);
            if (envelope is not null) await dispatcher.HandleAsync(envelope, null, cancellationToken);
        }
        catch (JsonException exception)
        {
            logger.LogWarning("Slack envelope {EnvelopeId} could not be handled: {Error}", envelopeId, exception.Message);
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            // Not acknowledged, so Slack delivers it again (as a 500 makes it retry over HTTP).
            logger.LogWarning("Slack envelope {EnvelopeId} could not be stored, left for Slack to redeliver: {Error}", envelopeId, exception.Message);
            return;
        }
        await AckAsync(socket, envelopeId, null, cancellationToken);
    }

    /// <summary>False when the click could not be stored: then it is not acknowledged, so Slack delivers it again.</summary>
    private async Task<bool> HandleInteractionAsync(string envelopeId, JsonElement payload, CancellationToken cancellationToken)
    {
        try
        {
            var interaction = payload.Deserialize<SlackInteraction>(SlackJson.Options);
            if (interaction is null || !await interactions.HandleAsync(interaction, null, cancellationToken))
                logger.LogWarning("Slack interactive envelope {EnvelopeId} is not a payload Slack sends; acknowledged and ignored", envelopeId);
        }
        catch (JsonException exception)
        {
            logger.LogWarning("Slack interactive envelope {EnvelopeId} could not be read: {Error}", envelopeId, exception.Message);
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            logger.LogWarning("Slack interactive envelope {EnvelopeId} could not be stored, left for Slack to redeliver: {Error}", envelopeId, exception.Message);
            return false;
        }
        return true;
    }

    private static Task AckAsync(ClientWebSocket socket, string envelopeId, JsonObject? payload, CancellationToken cancellationToken)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null) ack["payload"] = payload;
        return socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
    }

    private static async Task<string?> ReadMessageAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket? socket)
    {
        if (socket is null) return;
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }
}
