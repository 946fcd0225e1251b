using System.Text.Json;
using System.Text.RegularExpressions;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Tests.Discord;

/// <summary>The registered command JSON follows Discord's rules (application-commands.mdx, docs/protocols.md,
/// "Application commands"), checked on the JSON the bot sends, so a rule broken here is a 400 at registration.</summary>
public sealed partial class DiscordCommandCatalogTests
{
    private static readonly JsonElement Registered =
        JsonSerializer.SerializeToElement(DiscordCommandCatalog.All, DiscordJson.Options);

    [Fact]
    public void EveryCommandHasAValidNameAndDescriptionForItsType()
    {
        Assert.InRange(Registered.GetArrayLength(), 1, 100);
        foreach (var command in Registered.EnumerateArray())
        {
            var name = command.GetProperty("name").GetString()!;
            var type = command.GetProperty("type").GetInt32();
            var description = command.GetProperty("description").GetString()!;
            if (type == DiscordCommandDefinition.ChatInputType)
            {
                Assert.Matches(ChatInputName(), name);
                Assert.Equal(name.ToLowerInvariant(), name);
                Assert.InRange(description.Length, 1, 100);
            }
            else
            {
                Assert.Equal(DiscordCommandDefinition.MessageType, type);
                Assert.InRange(name.Length, 1, 32);
                Assert.Equal("", description);
                Assert.False(command.TryGetProperty("options", out _), $"{name}: a message command has no options");
            }
        }
        Assert.Equal(Registered.GetArrayLength(), Registered.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetInt32())).Distinct().Count());
    }

    [Fact]
    public void OptionsAreValidAndRequiredOnesComeFirst()
    {
        foreach (var command in Registered.EnumerateArray().Where(c => c.TryGetProperty("options", out _)))
            AssertOptions(command.GetProperty("name").GetString()!, command.GetProperty("options"), isTopLevel: true);
    }

    [Fact]
    public void TheSetUpCommandsAskForManageServerAsADecimalBitsetString()
    {
        foreach (var name in new[] { DiscordCommandCatalog.Feeds, DiscordCommandCatalog.Digest })
        {
            var command = Registered.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
            var permissions = command.GetProperty("default_member_permissions");
            Assert.Equal(JsonValueKind.String, permissions.ValueKind);
            Assert.Equal(1UL << 5, ulong.Parse(permissions.GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.False(Registered.EnumerateArray().Single(c => c.GetProperty("name").GetString() == DiscordCommandCatalog.Ask)
            .TryGetProperty("default_member_permissions", out _));
    }

    private static void AssertOptions(string path, JsonElement options, bool isTopLevel)
    {
        Assert.InRange(options.GetArrayLength(), 1, 25);
        var seenOptional = false;
        var types = options.EnumerateArray().Select(o => o.GetProperty("type").GetInt32()).ToList();
        // A command's options are either all subcommands or none of them.
        Assert.True(types.All(t => t == 1) || types.All(t => t != 1), $"{path}: subcommands mixed with options");
        foreach (var option in options.EnumerateArray())
        {
            var name = option.GetProperty("name").GetString()!;
            Assert.Matches(ChatInputName(), name);
            Assert.Equal(name.ToLowerInvariant(), name);
            Assert.InRange(option.GetProperty("description").GetString()!.Length, 1, 100);
            var isRequired = option.TryGetProperty("required", out var required) && required.GetBoolean();
            Assert.False(isRequired && seenOptional, $"{path} {name}: a required option after an optional one");
            seenOptional |= !isRequired;
            if (option.GetProperty("type").GetInt32() == 1)
            {
                Assert.True(isTopLevel, $"{path} {name}: a subcommand nested in a subcommand");
                if (option.TryGetProperty("options", out var nested)) AssertOptions($"{path} {name}", nested, isTopLevel: false);
            }
            if (option.TryGetProperty("max_length", out var max)) Assert.InRange(max.GetInt32(), 1, 6000);
        }
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex ChatInputName();
}
