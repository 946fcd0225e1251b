using System.Text.Json;

namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>Interaction bodies for the set-up commands, shaped like Discord's (receiving-and-responding.mdx): a guild
/// member with a permission set, the bot's own permissions in the channel (<c>app_permissions</c>), subcommands, and
/// the message command with its resolved message.</summary>
public static class FakeAdminInteractions
{
    public const string GuildId = "290926798626357999";
    public const string ChannelId = "645027906669510667";
    public const string AdminId = "53908232506183681";
    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5) with View Channel and Send Messages.</summary>
    public const string ManageServer = "3104";
    /// <summary>View Channel, Send Messages, Read Message History: an ordinary member.</summary>
    public const string Member = "68608";
    /// <summary>What a digest needs: View Channel, Send Messages, Embed Links, Read Message History.</summary>
    public const string DigestReady = "84992";

    private static long next = 1_170_000_000_000_000_000;

    public static (string Token, string Body) Subcommand(string command, string subcommand, object[]? options = null, string permissions = ManageServer,
        string appPermissions = DigestReady, string userId = AdminId) =>
        Build(new { id = "1160000000000000002", name = command, type = 1, options = new[] { new { name = subcommand, type = 1, options = options ?? [] } } },
            permissions, appPermissions, userId);

    public static (string Token, string Body) Command(string command, string permissions = Member) =>
        Build(new { id = "1160000000000000003", name = command, type = 1, options = Array.Empty<object>() }, permissions, DigestReady, AdminId);

    public static object TextOption(string name, string value) => new { name, type = 3, value };

    public static object Channel(string value) => new { name = "channel", type = 7, value };

    /// <summary>"Ask Newsdesk about this" used on a message whose text is <paramref name="content"/>.</summary>
    public static (string Token, string Body) MessageCommand(string name, string content)
    {
        const string target = "867793854505943041";
        return Build(new
        {
            id = "1160000000000000004", name, type = 3, target_id = target,
            resolved = new { messages = new Dictionary<string, object> { [target] = new { id = target, channel_id = ChannelId, content, author = new { id = "167348773423415296", username = "ian" } } } },
        }, Member, DigestReady, AdminId);
    }

    private static (string, string) Build(object data, string permissions, string appPermissions, string userId)
    {
        var id = Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = "admin-token-" + id;
        var body = JsonSerializer.Serialize(new
        {
            id, application_id = FakeDiscord.ApplicationId, type = 2, token, version = 1, data,
            guild_id = GuildId, channel_id = ChannelId, app_permissions = appPermissions,
            member = new { user = new { id = userId, username = "Ada" }, roles = Array.Empty<string>(), permissions },
            locale = "en-US",
        });
        return (token, body);
    }
}
