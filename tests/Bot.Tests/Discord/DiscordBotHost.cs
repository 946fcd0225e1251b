using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
        var (app, address) = await RunningServer.StartAsync([
            $"--Storage:Database={database}", "--corpus", TestPaths.Seeds,
            $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", $"--Discord:BotToken={FakeDiscord.BotToken}",
            // Other tests ask many questions as one user; the rate limits have their own tests (Hostile/).
            "--Logging:LogLevel:Default=Warning", "--Chat:RateLimits:IsEnabled=false", .. settings ?? [],
        ], services, waitUntilReady);
        return new DiscordBotHost(app, discord, address);
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
