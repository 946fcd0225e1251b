using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hostile;

/// <summary>The real <c>serve</c> host with both adapters on, pointed at a fake Discord and a fake Slack on loopback;
/// the real answerer sits behind a counter, so a test can prove that nothing was answered.</summary>
public sealed class HostileBot : IAsyncDisposable
{
    private readonly TemporaryFolder folder = new();

    private HostileBot(FakeDiscord discord, FakeSlack slack) => (Discord, Slack) = (discord, slack);

    public FakeDiscord Discord { get; }

    public FakeSlack Slack { get; }

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ControllableAnswerer Answerer => (ControllableAnswerer)App.Services.GetRequiredService<IQuestionAnswerer>();

    public static async Task<HostileBot> StartAsync(IEnumerable<string>? settings = null, Action<IServiceCollection>? services = null,
        string discordBotToken = FakeDiscord.BotToken, string slackBotToken = FakeSlack.BotToken, string signingSecret = FakeSlack.SigningSecret)
    {
        var bot = new HostileBot(await FakeDiscord.StartAsync(), await FakeSlack.StartAsync());
        var (app, address) = await RunningServer.StartAsync([
            $"--Storage:Database={bot.folder.File("bot.db")}", "--corpus", TestPaths.Seeds,
            "--Chat:Workers=1", "--Logging:LogLevel:Default=Warning",
            $"--Discord:ApiBaseUrl={bot.Discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", $"--Discord:BotToken={discordBotToken}",
            $"--Slack:ApiBaseUrl={bot.Slack.ApiBaseUrl}", $"--Slack:BotToken={slackBotToken}", $"--Slack:SigningSecret={signingSecret}",
            .. settings ?? [],
        ], s =>
        {
            s.AddSingleton<IQuestionAnswerer>(sp => new ControllableAnswerer(sp.GetRequiredService<GroundedAnswerer>()));
            services?.Invoke(s);
        });
        bot.App = app;
        bot.Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        return bot;
    }

    /// <summary>A Discord interaction POST signed as Discord signs it.</summary>
    public HttpRequestMessage SignedInteraction(string body) => Discord.SignedInteraction(Http.BaseAddress!, body);

    public async Task<bool> IsAliveAsync()
    {
        using var response = await Http.GetAsync("healthz");
        return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "ok";
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Discord.DisposeAsync();
        await Slack.DisposeAsync();
        folder.Dispose();
    }
}
