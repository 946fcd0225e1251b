using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Digest;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Discord.Posting;

namespace Newsdesk.Tests.Discord;

/// <summary>Digests posted to a Discord channel by id, against the fake Discord on loopback.</summary>
public sealed class DiscordDigestPosterTests : IAsyncLifetime
{
    private const string Channel = "1300000000000000001";
    private FakeDiscord discord = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        discord = await FakeDiscord.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:BotToken"] = FakeDiscord.BotToken,
        }).Build();
        services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddDiscordRegistration(configuration).AddSingleton<DiscordDigestPoster>().BuildServiceProvider();
    }

    [Fact]
    public async Task ADigestIsPostedWithItsMarkerAsNonceAndFoundAgainInTheChannelsHistory()
    {
        var poster = services.GetRequiredService<DiscordDigestPoster>();
        var destination = new DigestDestination(DigestPlatform.DiscordChannel, Channel);
        var story = new DigestStory("Labels sue @everyone", new Uri("https://news.example/labels"), "Music Wire",
            "Record labels sued a download site <@123> over royalties.", 0.8, DateTimeOffset.UnixEpoch);
        var digest = new DigestContent("Sunday 29 November 2026", [new DigestTopic([story])], 0);

        var id = await poster.PostAsync(destination, digest, "nd-0123456789ab", CancellationToken.None);
        var found = await poster.FindPostedAsync(destination, "nd-0123456789ab", DateTimeOffset.UnixEpoch, CancellationToken.None);
        var other = await poster.FindPostedAsync(destination, "nd-ffffffffffff", DateTimeOffset.UnixEpoch, CancellationToken.None);

        var post = Assert.Single(discord.Requests, r => r.Method == "POST");
        Assert.Equal($"Bot {FakeDiscord.BotToken}", post.Header("Authorization"));
        Assert.Equal("nd-0123456789ab", post.Json.GetProperty("nonce").GetString());
        Assert.True(post.Json.GetProperty("enforce_nonce").GetBoolean());
        Assert.Equal(0, post.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal(id, found);
        Assert.Null(other);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await discord.DisposeAsync();
    }
}
