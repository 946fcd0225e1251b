using System.Text.Json;

namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>One REST call the bot made to the fake Discord.</summary>
public sealed record FakeDiscordRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
