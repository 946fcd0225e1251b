using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newsdesk.Tests.Fakes.Faults;

namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>A small Discord on loopback: it signs interactions as Discord does (Ed25519 over timestamp + body, with
/// the public RFC 8032 TEST 1 key) and records every REST call the bot makes, answering like Discord or as scripted.</summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string ApplicationId = "1100000000000000001";
    public const string BotToken = "fake-bot-token";
    public const string BotUserId = "1100000000000000009";
    /// <summary>RFC 8032 section 7.1 TEST 1: a public test key, so every signature here can be reproduced.</summary>
    public const string SecretKeyHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    public const string Timestamp = "1700000000";

    private readonly WebApplication app;
    private readonly FakeDiscordSigner signer = new();
    private readonly Lock gate = new();
    private readonly List<FakeDiscordRequest> requests = [];
    private readonly ConcurrentQueue<FakeDiscordResponse> scripted = new();
    private readonly ConcurrentDictionary<string, string> commandSets = new();
    private readonly Dictionary<string, List<string>> channelMessages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> originals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> guildChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> guildRoles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> botRoles = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeDiscord(WebApplication app) => this.app = app;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public static async Task<FakeDiscord> StartAsync()
    {
        var fake = new FakeDiscord(LoopbackApp.Create());
        fake.app.Run(fake.HandleAsync);
        fake.ApiBaseUrl = new Uri(await LoopbackApp.StartAsync(fake.app), "api/v10");
        return fake;
    }

    public IReadOnlyList<FakeDiscordRequest> Requests { get { lock (gate) return [.. requests]; } }

    /// <summary>The command set last stored by a bulk overwrite: "global" or the guild id.</summary>
    public string? CommandSet(string scope) => commandSets.TryGetValue(scope, out var set) ? set : null;

    public void Script(FakeDiscordResponse response) => scripted.Enqueue(response);

    public Uri WebhookUrl(string id, string token) => new(ApiBaseUrl + $"/webhooks/{id}/{token}");

    /// <summary>Waits until <paramref name="count"/> recorded calls match, without sleeping.</summary>
    public async Task<IReadOnlyList<FakeDiscordRequest>> WaitForAsync(Func<FakeDiscordRequest, bool> match, int count = 1, int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            Task signal;
            lock (gate)
            {
                var found = requests.Where(match).ToList();
                if (found.Count >= count) return found;
                signal = changed.Task;
            }
            await signal.WaitAsync(timeout.Token);
        }
    }

    /// <summary>An interaction POST as Discord sends it: signed over timestamp + the exact body bytes.</summary>
    public HttpRequestMessage SignedInteraction(Uri botBase, string body, string? signatureHex = null, string timestamp = Timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(botBase, "/discord/interactions"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", signatureHex ?? Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    public string Sign(string timestamp, string body) => signer.Sign(timestamp, body);

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var recorded = new FakeDiscordRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
        var response = scripted.TryDequeue(out var next) ? next : Answer(recorded);
        if (response.Applies) Answer(recorded);
        lock (gate)
        {
            requests.Add(recorded);
            var old = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            old.TrySetResult();
        }
        if (response.Hangs) await NetworkFaults.HangAsync(context, stopping.Token);
        if (response.Drops) await NetworkFaults.DropAsync(context);
        if (response.Hangs || response.Drops) return;
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body);
    }

    /// <summary>What Discord answers to the routes the bot uses; 404 with Discord's error shape otherwise.</summary>
    private FakeDiscordResponse Answer(FakeDiscordRequest request)
    {
        var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (request.Method, parts)
        {
            case ("PUT", ["api", "v10", "applications", ApplicationId, "commands"]):
                return StoreCommands("global", request.Body);
            case ("PUT", ["api", "v10", "applications", ApplicationId, "guilds", var guild, "commands"]):
                return StoreCommands(guild, request.Body);
            case ("PATCH", ["api", "v10", "webhooks", ApplicationId, var token, "messages", "@original"]):
                originals[token] = request.Body;
                return new(200, """{"id":"1200000000000000001","type":20}""");
            case ("POST", ["api", "v10", "channels", var channel, "messages"]):
                return PostToChannel(channel, request.Body);
            case ("GET", ["api", "v10", "channels", var channel, "messages"]):
                return new(200, new JsonArray([.. ChannelMessages(channel).Select(m => JsonNode.Parse(m))]).ToJsonString());
            case ("GET", ["api", "v10", "users", "@me"]):
                return new(200, $$"""{"id":"{{BotUserId}}","bot":true}""");
            case ("GET", ["api", "v10", "channels", var channel]) when guildChannels.TryGetValue(channel, out var found):
                return new(200, found);
            case ("GET", ["api", "v10", "guilds", var guild, "members", BotUserId]) when botRoles.TryGetValue(guild, out var roles):
                return new(200, $$"""{"user":{"id":"{{BotUserId}}"},"roles":{{roles}}}""");
            case ("GET", ["api", "v10", "guilds", var guild, "roles"]) when guildRoles.TryGetValue(guild, out var roles):
                return new(200, roles);
            case ("POST", ["api", "v10", "webhooks", _, _]):
                return new(200, """{"id":"1200000000000000003"}""");
            default:
                return new(404, """{"message":"Unknown Webhook","code":10015}""");
        }
    }

    /// <summary>A guild channel the bot is in, for the permission check: the guild's roles (<c>@everyone</c> has the
    /// guild's id), the roles the bot holds, and the channel's overwrites, all as Discord's JSON.</summary>
    public void AddChannel(string channelId, string guildId, string rolesJson, string[] botRoleIds, string overwritesJson = "[]")
    {
        guildRoles[guildId] = rolesJson;
        botRoles[guildId] = new JsonArray([.. botRoleIds.Select(r => JsonValue.Create(r))]).ToJsonString();
        guildChannels[channelId] = $$"""{"id":"{{channelId}}","type":0,"guild_id":"{{guildId}}","permission_overwrites":{{overwritesJson}}}""";
    }

    /// <summary>What an interaction's original message shows now: the body of the last edit Discord accepted.</summary>
    public string? OriginalMessage(string interactionToken) => originals.TryGetValue(interactionToken, out var body) ? body : null;

    /// <summary>Messages posted to a channel with the bot token, newest first, as Discord lists them.</summary>
    public IReadOnlyList<string> ChannelMessages(string channel)
    {
        lock (gate) return channelMessages.TryGetValue(channel, out var messages) ? [.. Enumerable.Reverse(messages)] : [];
    }

    private FakeDiscordResponse PostToChannel(string channel, string body)
    {
        var message = JsonNode.Parse(body)!.AsObject();
        lock (gate)
        {
            if (!channelMessages.TryGetValue(channel, out var messages)) channelMessages[channel] = messages = [];
            message["id"] = $"12{messages.Count + 1:D17}";
            message["channel_id"] = channel;
            messages.Add(message.ToJsonString());
        }
        return new(200, message.ToJsonString());
    }

    /// <summary>A bulk overwrite replaces the set; ids derive from names, so the same set keeps the same ids.</summary>
    private FakeDiscordResponse StoreCommands(string scope, string body)
    {
        var commands = JsonNode.Parse(body)!.AsArray();
        foreach (var command in commands)
        {
            command!["id"] = $"13{Math.Abs(StringComparer.Ordinal.GetHashCode(command["name"]!.GetValue<string>())):D17}"[..19];
            command["application_id"] = ApplicationId;
        }
        var stored = commands.ToJsonString();
        commandSets[scope] = stored;
        return new(200, stored);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        signer.Dispose();
        stopping.Dispose();
    }
}
