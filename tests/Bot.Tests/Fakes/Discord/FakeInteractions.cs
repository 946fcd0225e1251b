using System.Text.Json;

namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>Interaction bodies shaped like Discord's (receiving-and-responding.mdx), each with a fresh id and token.</summary>
public static class FakeInteractions
{
    private static long next = 1_150_000_000_000_000_000;

    public const string ChannelId = "645027906669510667";

    /// <param name="channel">The channel it is used in, sent as Discord does (<c>channel_id</c> and the partial
    /// <c>channel</c> with its type: 0 a text channel, 11 a public thread, 12 a private one); the default text
    /// channel when null.</param>
    public static (string Id, string Token, string Body) Ask(string question, bool isPrivate = false, (string Id, int Type)? channel = null) =>
        Command("ask", isPrivate
            ? [new { name = "question", type = 3, value = (object)question }, new { name = "private", type = 5, value = (object)true }]
            : [new { name = "question", type = 3, value = (object)question }], channel);

    public static (string Id, string Token, string Body) Command(string name, object[]? options = null, (string Id, int Type)? channel = null) =>
        Build(2, new { id = "1160000000000000001", name, type = 1, options = options ?? [] }, channel: channel);

    public static (string Id, string Token, string Body) Autocomplete(string typed, string command = "ask", string option = "question") =>
        Build(4, new { id = "1160000000000000001", name = command, type = 1, options = new[] { new { name = option, type = 3, value = typed, focused = true } } });

    public static (string Id, string Token, string Body) Button(string customId, string userId = "53908232506183680") =>
        Build(3, new { custom_id = customId, component_type = 2 }, userId);

    private static (string, string, string) Build(int type, object data, string userId = "53908232506183680", (string Id, int Type)? channel = null)
    {
        var id = Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = "interaction-token-" + id;
        var (channelId, channelType) = channel ?? (ChannelId, 0);
        var body = JsonSerializer.Serialize(new
        {
            id,
            application_id = FakeDiscord.ApplicationId,
            type,
            token,
            version = 1,
            data,
            guild_id = "290926798626357999",
            channel_id = channelId,
            channel = new { id = channelId, type = channelType },
            member = new { user = new { id = userId, username = "Mason" }, roles = Array.Empty<string>() },
            locale = "en-US",
        });
        return (id, token, body);
    }
}
