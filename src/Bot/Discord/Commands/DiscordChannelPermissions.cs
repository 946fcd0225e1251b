using System.Text.Json;
using Newsdesk.Discord.Rest;

namespace Newsdesk.Discord.Commands;

/// <summary>The permissions the bot has in a channel, computed as Discord documents it (topics/permissions.mdx,
/// "Permission Hierarchy"): the @everyone role and the bot's roles, ADMINISTRATOR meaning everything, then the
/// channel's overwrites for @everyone, for the bot's roles together, and for the bot itself, each denying before
/// allowing. A guild owner has every permission; a bot never owns the guild it is invited to, so that case is left out.</summary>
public sealed class DiscordChannelPermissions(DiscordRestClient rest)
{
    public const ulong Administrator = 1UL << 3, ViewChannel = 1UL << 10, SendMessages = 1UL << 11, EmbedLinks = 1UL << 14,
        ReadMessageHistory = 1UL << 16;

    /// <summary>What a <c>discord:CHANNEL_ID</c> digest destination needs: to see the channel, post, post embeds (the
    /// digest is embeds, dropped silently without it), and read the history (to find a digest again after a crash).</summary>
    public static readonly IReadOnlyList<(ulong Bit, string Name)> NeededForDigests =
        [(ViewChannel, "View Channel"), (SendMessages, "Send Messages"), (EmbedLinks, "Embed Links"), (ReadMessageHistory, "Read Message History")];

    public async Task<ulong> InChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        var channel = await rest.GetAsync("/channels/{channel}", channelId, $"/channels/{Uri.EscapeDataString(channelId)}", cancellationToken);
        var guild = channel.GetProperty("guild_id").GetString()!;
        var bot = (await rest.GetAsync("/users/@me", "@me", "/users/@me", cancellationToken)).GetProperty("id").GetString()!;
        var member = await rest.GetAsync("/guilds/{guild}/members/{user}", guild,
            $"/guilds/{Uri.EscapeDataString(guild)}/members/{Uri.EscapeDataString(bot)}", cancellationToken);
        var roles = await rest.GetAsync("/guilds/{guild}/roles", guild, $"/guilds/{Uri.EscapeDataString(guild)}/roles", cancellationToken);
        var botRoles = member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);
        return Compute(guild, bot, botRoles, roles, channel.TryGetProperty("permission_overwrites", out var o) ? o : default);
    }

    public static ulong Compute(string guildId, string botId, IReadOnlySet<string> botRoles, JsonElement roles, JsonElement overwrites)
    {
        ulong permissions = 0;
        foreach (var role in roles.EnumerateArray())
        {
            var id = role.GetProperty("id").GetString();
            // The @everyone role has the guild's id.
            if (id == guildId || botRoles.Contains(id!)) permissions |= Bits(role, "permissions");
        }
        if ((permissions & Administrator) != 0) return ulong.MaxValue;
        if (overwrites.ValueKind != JsonValueKind.Array) return permissions;
        var list = overwrites.EnumerateArray().ToList();
        foreach (var everyone in list.Where(o => o.GetProperty("id").GetString() == guildId))
            permissions = (permissions & ~Bits(everyone, "deny")) | Bits(everyone, "allow");
        ulong allow = 0, deny = 0;
        foreach (var role in list.Where(o => o.GetProperty("type").GetInt32() == 0 && botRoles.Contains(o.GetProperty("id").GetString()!)))
        {
            allow |= Bits(role, "allow");
            deny |= Bits(role, "deny");
        }
        permissions = (permissions & ~deny) | allow;
        foreach (var own in list.Where(o => o.GetProperty("type").GetInt32() == 1 && o.GetProperty("id").GetString() == botId))
            permissions = (permissions & ~Bits(own, "deny")) | Bits(own, "allow");
        return permissions;
    }

    public static IReadOnlyList<string> MissingForDigests(ulong permissions) =>
        [.. NeededForDigests.Where(p => (permissions & p.Bit) == 0).Select(p => p.Name)];

    // Permission sets are serialised as decimal strings (they outgrew 53-bit JSON numbers).
    private static ulong Bits(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && ulong.TryParse(value.GetString(), out var bits) ? bits : 0;
}
