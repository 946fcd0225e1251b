using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>The real bot with a fake Discord, a fake feed server and a fake clock (Tuesday 11 March 2025, 00:00 UTC;
/// the digest is due at 08:00 Europe/London). Feeds on loopback are allowed, as in the feed tests.</summary>
public sealed class DiscordAdminFixture : IAsyncLifetime, IDisposable
{
    public static readonly DateTimeOffset Midnight = new(2025, 3, 11, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporaryFolder folder = new();

    public FakeTimeProvider Clock { get; } = new(Midnight);

    public FakeDiscord Discord { get; private set; } = null!;

    public FakeFeedServer Feeds { get; private set; } = null!;

    public DiscordBotHost Bot { get; private set; } = null!;

    public T Get<T>() where T : notnull => Bot.App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Discord = await FakeDiscord.StartAsync();
        Feeds = await FakeFeedServer.StartAsync(Clock);
        Bot = await DiscordBotHost.StartAsync(Discord, folder.File("admin.db"),
            ["--Corpus:FeedAllowLoopback=true", "--Corpus:FeedPollInterval=01:00:00", "--Corpus:FeedFetchTimeout=00:00:05",
             "--Digest:Schedule=0 8 * * *", "--Digest:TimeZone=Europe/London", "--Digest:CatchUpWindow=06:00:00"],
            services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The message a command ends in: answered inline (the fake clock never runs the answer budget out).</summary>
    public async Task<JsonElement> RunAsync(string body)
    {
        var json = await Bot.PostForJsonAsync(body);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        return json.GetProperty("data");
    }

    /// <summary>Everything a reply says: its content and its embeds' text.</summary>
    public static string Text(JsonElement data) =>
        (data.TryGetProperty("content", out var content) ? content.GetString() : "") + string.Concat(data.TryGetProperty("embeds", out var embeds)
            ? embeds.EnumerateArray().Select(e => e.GetProperty("title").GetString() + "\n" + e.GetProperty("description").GetString())
            : []);

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Feeds.DisposeAsync();
        await Discord.DisposeAsync();
    }

    public void Dispose() => folder.Dispose();
}
