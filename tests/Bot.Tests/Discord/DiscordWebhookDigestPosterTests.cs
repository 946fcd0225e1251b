using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Digest;
using Newsdesk.Discord;
using Newsdesk.Discord.Posting;
using Newsdesk.Tests.Digest;

namespace Newsdesk.Tests.Discord;

/// <summary>The webhook digest poster as the adapter registers it, against a fake channel webhook on loopback: it
/// goes through the REST client, so it says who it is as Discord requires and gives up on a webhook that hangs.</summary>
public sealed class DiscordWebhookDigestPosterTests
{
    private static readonly DigestContent Digest = new("Tuesday 11 March 2025", [], 0);

    [Fact]
    public async Task AWebhookDigestIsSentWithTheDiscordBotUserAgent()
    {
        await using var webhook = await FakeDiscordWebhook.StartAsync();
        // A generous timeout: on a loaded machine the first request of a fresh client can take over a second.
        await using var services = Services(requestTimeout: "00:00:30");

        await Poster(services).PostAsync(Destination(webhook), Digest, "nd-ua", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Matches(@"^DiscordBot \(https?://\S+, \d+\.\d+\.\d+\)$", Assert.Single(webhook.UserAgents));
    }

    [Fact]
    public async Task AHangingWebhookIsAbandonedAfterTheRequestTimeout()
    {
        await using var webhook = await FakeDiscordWebhook.StartAsync();
        await using var services = Services(requestTimeout: "00:00:01");
        webhook.HangNext();

        var posting = Poster(services).PostAsync(Destination(webhook), Digest, "nd-hang", CancellationToken.None);

        // Discord:RequestTimeout is one second here; without a timeout the post would hang for HttpClient's 100 s.
        await Assert.ThrowsAsync<DigestPostException>(() => posting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, webhook.Requests);
    }

    private static ServiceProvider Services(string requestTimeout)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:RequestTimeout"] = requestTimeout,
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddDiscord(configuration).BuildServiceProvider();
    }

    private static IDigestPoster Poster(ServiceProvider services) =>
        services.GetServices<IDigestPoster>().OfType<DiscordWebhookDigestPoster>().Single();

    private static DigestDestination Destination(FakeDiscordWebhook webhook)
    {
        Assert.True(DigestDestination.TryParse(webhook.WebhookUrl.AbsoluteUri, out var destination));
        return destination!;
    }
}
