using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Discord;
using Newsdesk.Discord.Commands;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Cli;

/// <summary><c>discord register</c> checks, for each <c>discord:CHANNEL_ID</c> digest destination, that the bot can
/// post a digest there (View Channel, Send Messages, Embed Links, Read Message History), against the fake Discord.</summary>
public sealed class DiscordPermissionCheckTests : IAsyncLifetime, IDisposable
{
    private const string Guild = "290926798626357999";
    private const string BotRole = "290926798626357001";
    // VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY: what the README used to list, without Embed Links.
    private const string WithoutEmbeds = "76800";
    private const string EmbedLinks = "16384";
    private readonly TemporaryFolder folder = new();
    private FakeDiscord discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscord.StartAsync();

    [Fact]
    public async Task AChannelWhereTheBotLacksEmbedLinksIsNamedWithWhatIsMissing()
    {
        discord.AddChannel("290926798626350111", Guild, Roles(everyone: "0", bot: WithoutEmbeds), [BotRole]);

        var (code, output, errors) = await RegisterAsync("discord:290926798626350111");

        Assert.Equal(1, code);
        Assert.Contains("Registered 8 commands", output, StringComparison.Ordinal);
        Assert.Contains("discord:290926798626350111: the bot is missing Embed Links in this channel", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelOverwritesAreAppliedAndAChannelWithEverythingPasses()
    {
        // The role lacks Embed Links, but the channel allows it to the bot's role; another channel denies @everyone
        // the view, and an overwrite for the bot itself gives it back everything but history.
        discord.AddChannel("290926798626350222", Guild, Roles(everyone: "0", bot: WithoutEmbeds), [BotRole],
            $$"""[{"id":"{{BotRole}}","type":0,"allow":"{{EmbedLinks}}","deny":"0"}]""");
        discord.AddChannel("290926798626350333", Guild, Roles(everyone: "0", bot: WithoutEmbeds), [BotRole],
            $$"""[{"id":"{{Guild}}","type":0,"allow":"0","deny":"1024"},{"id":"{{BotRole}}","type":0,"allow":"0","deny":"3072"},{"id":"{{FakeDiscord.BotUserId}}","type":1,"allow":"19456","deny":"65536"}]""");

        var (code, output, errors) = await RegisterAsync("discord:290926798626350222", "discord:290926798626350333", "slack:C0123ABCD");

        Assert.Equal(1, code);
        Assert.Contains("discord:290926798626350222: the bot can post digests here.", output, StringComparison.Ordinal);
        Assert.Contains("discord:290926798626350333: the bot is missing Read Message History in this channel", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("slack:", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorRoleHasEveryPermissionAndAnUnknownChannelIsReported()
    {
        discord.AddChannel("290926798626350444", Guild, Roles(everyone: "0", bot: "8"), [BotRole], $$"""[{"id":"{{Guild}}","type":0,"allow":"0","deny":"1024"}]""");

        var (code, output, errors) = await RegisterAsync("discord:290926798626350444", "discord:290926798626350555");

        Assert.Equal(1, code);
        Assert.Contains("discord:290926798626350444: the bot can post digests here.", output, StringComparison.Ordinal);
        Assert.Contains("discord:290926798626350555: the bot's permissions could not be read", errors, StringComparison.Ordinal);
    }

    private static string Roles(string everyone, string bot) =>
        $$"""[{"id":"{{Guild}}","name":"@everyone","permissions":"{{everyone}}"},{"id":"{{BotRole}}","name":"Newsdesk","permissions":"{{bot}}"}]""";

    private async Task<(int Code, string Output, string Errors)> RegisterAsync(params string[] destinations)
    {
        var command = CommandLine.Parse([
            "discord", "register", $"--Storage:Database={folder.File("bot.db")}", $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}",
            $"--Discord:ApplicationId={FakeDiscord.ApplicationId}", $"--Discord:BotToken={FakeDiscord.BotToken}",
            .. destinations.Select((d, i) => $"--Digest:Destinations:{i}={d}"),
        ]);
        var builder = NewsdeskHost.CreateCliBuilder(command);
        builder.Services.AddDiscordRegistration(builder.Configuration);
        using var host = builder.Build();
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await host.Services.GetRequiredService<DiscordRegisterCommand>().RunAsync(command, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }

    public async Task DisposeAsync() => await discord.DisposeAsync();

    public void Dispose() => folder.Dispose();
}
