using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>The real bot (<c>serve</c>) on loopback, its Discord base URL pointed at a <see cref="FakeDiscord"/>.</summary>
public sealed class DiscordBotHost : IAsyncDisposable
{
    private readonly FakeDiscord discord;

    private DiscordBotHost(WebApplication app, FakeDiscord discord, Uri address)
    {
        App = app;
        this.discord = discord;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(120) };

    public static async Task<DiscordBotHost> StartAsync(FakeDiscord discord, string database, IEnumerable<string>? settings = null,
        Action<IServiceCollection>? services = null, bool waitUntilReady = true)
    {
        var command = CommandLine.Parse([
            "serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={database}", "--corpus", TestPaths.Seeds,
            $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", $"--Discord:BotToken={FakeDiscord.BotToken}",
            // Other tests ask many questions as one user; the rate limits have their own tests (Hostile/).
            "--Logging:LogLevel:Default=Warning", "--Chat:RateLimits:IsEnabled=false", .. settings ?? [],
        ]);
        var app = ServeCommand.Build(command, services);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = new DiscordBotHost(app, discord, address);
        if (waitUntilReady) await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>Readiness only: a bounded poll of /readyz while the corpus and model load.</summary>
    private async Task WaitUntilReadyAsync()
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            using var response = await Client.GetAsync(new Uri(Address, "/readyz"));
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The bot did not become ready in two minutes.");
    }

    public Task<HttpResponseMessage> PostAsync(string body) => Client.SendAsync(discord.SignedInteraction(Address, body));

    public async Task<System.Text.Json.JsonElement> PostForJsonAsync(string body)
    {
        using var response = await PostAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
