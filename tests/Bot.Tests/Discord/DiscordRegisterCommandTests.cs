using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Discord;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;
using Newsdesk.Discord.Commands;

namespace Newsdesk.Tests.Discord;

/// <summary><c>discord register</c> as Program.cs runs it: the CLI host, its settings from the command line.</summary>
public sealed class DiscordRegisterCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder folder = new();
    private FakeDiscord discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscord.StartAsync();

    [Fact]
    public async Task RegisteringTwiceOverwritesWithTheSameCommandSet()
    {
        var (first, firstOutput) = await RegisterAsync();
        var storedAfterFirst = discord.CommandSet("global");
        var (second, _) = await RegisterAsync();

        Assert.Equal((0, 0), (first, second));
        Assert.Contains("Registered 8 commands", firstOutput);
        var puts = discord.Requests;
        Assert.Equal(2, puts.Count);
        Assert.All(puts, r => Assert.Equal(("PUT", $"/api/v10/applications/{FakeDiscord.ApplicationId}/commands"), (r.Method, r.Path)));
        Assert.All(puts, r => Assert.Equal($"Bot {FakeDiscord.BotToken}", r.Header("Authorization")));
        Assert.Equal(puts[0].Body, puts[1].Body);
        Assert.Equal(storedAfterFirst, discord.CommandSet("global"));
        var ask = puts[0].Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ask");
        var question = ask.GetProperty("options")[0];
        Assert.Equal(("question", 3, true, true), (question.GetProperty("name").GetString(), question.GetProperty("type").GetInt32(),
            question.GetProperty("required").GetBoolean(), question.GetProperty("autocomplete").GetBoolean()));
        Assert.Equal(["ask", "sources", "story", "about", "digest", "feeds", "help", "Ask Newsdesk about this"], puts[0].Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task RegisteringForAGuildUsesTheGuildRoute()
    {
        var (code, output) = await RegisterAsync("--guild", "290926798626357999");

        Assert.Equal(0, code);
        Assert.Contains("in guild 290926798626357999", output);
        Assert.Equal($"/api/v10/applications/{FakeDiscord.ApplicationId}/guilds/290926798626357999/commands", discord.Requests.Single().Path);
        Assert.NotNull(discord.CommandSet("290926798626357999"));
    }

    [Fact]
    public async Task WithoutABotTokenNothingIsSentAndTheMessageSaysWhatIsMissing()
    {
        var errors = new StringWriter();
        var code = await RunAsync(["discord", "register", "--Discord:BotToken="], new StringWriter(), errors);

        Assert.Equal(2, code);
        Assert.Contains("Discord__BotToken", errors.ToString());
        Assert.Empty(discord.Requests);
    }

    private async Task<(int Code, string Output)> RegisterAsync(params string[] extra)
    {
        var output = new StringWriter();
        var code = await RunAsync(["discord", "register", .. extra], output, new StringWriter());
        return (code, output.ToString());
    }

    private async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var command = CommandLine.Parse([
            .. args, $"--Storage:Database={folder.File("bot.db")}", $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}",
            $"--Discord:ApplicationId={FakeDiscord.ApplicationId}", .. args.Any(a => a.StartsWith("--Discord:BotToken", StringComparison.Ordinal)) ? Array.Empty<string>() : [$"--Discord:BotToken={FakeDiscord.BotToken}"],
        ]);
        var builder = NewsdeskHost.CreateCliBuilder(command);
        builder.Services.AddDiscordRegistration(builder.Configuration);
        using var host = builder.Build();
        return await host.Services.GetRequiredService<DiscordRegisterCommand>().RunAsync(command, output, errors, CancellationToken.None);
    }

    public async Task DisposeAsync() => await discord.DisposeAsync();

    public void Dispose() => folder.Dispose();
}
