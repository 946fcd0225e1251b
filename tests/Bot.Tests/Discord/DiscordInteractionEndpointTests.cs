using System.Net;
using System.Text;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.Discord;
using NSec.Cryptography;

namespace Newsdesk.Tests.Discord;

[Collection(DiscordBotCollection.Name)]
public sealed class DiscordInteractionEndpointTests(DiscordBotFixture fixture)
{
    private const string Ping = """{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}""";

    [Fact]
    public async Task PingIsAnsweredWithPong()
    {
        var json = await fixture.Bot.PostForJsonAsync(Ping);

        Assert.Equal("""{"type":1}""", json.GetRawText());
    }

    [Fact]
    public async Task UnsignedForgedOrMalformedRequestsGet401AndRunNothing()
    {
        var (_, _, ask) = FakeInteractions.Ask("Who shut down AllofMP3?");
        var (_, _, other) = FakeInteractions.Ask("Who bought Napster?");
        var callsBefore = fixture.Answerer.Calls;
        var discord = fixture.Discord;
        var address = fixture.Bot.Address;

        var unsigned = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/discord/interactions")) { Content = new StringContent(ask, Encoding.UTF8, "application/json") };
        var cases = new List<HttpRequestMessage>
        {
            unsigned,
            discord.SignedInteraction(address, ask, signatureHex: SignWithOtherKey(FakeDiscord.Timestamp + ask)),
            discord.SignedInteraction(address, ask, signatureHex: discord.Sign(FakeDiscord.Timestamp, other)),
            discord.SignedInteraction(address, ask, signatureHex: discord.Sign("1700000001", ask)),
            discord.SignedInteraction(address, ask, signatureHex: "zz" + discord.Sign(FakeDiscord.Timestamp, ask)[2..]),
            discord.SignedInteraction(address, ask, signatureHex: discord.Sign(FakeDiscord.Timestamp, ask)[..64]),
            discord.SignedInteraction(address, ask, signatureHex: ""),
            discord.SignedInteraction(address, Ping, signatureHex: FlipFirstBit(discord.Sign(FakeDiscord.Timestamp, Ping))),
        };
        foreach (var request in cases)
        {
            using var response = await fixture.Bot.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Had a forged /ask been queued, it would be answered before this genuine one (the inbox is first in, first out).
        var (_, _, genuine) = FakeInteractions.Ask("Who shut down AllofMP3?");
        var answered = await fixture.Bot.PostForJsonAsync(genuine);
        Assert.Equal(4, answered.GetProperty("type").GetInt32());
        Assert.Equal(callsBefore + 1, fixture.Answerer.Calls);
        Assert.Equal(0, ((ChatInbox)fixture.Bot.App.Services.GetService(typeof(ChatInbox))!).Depth);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"id":"1","type":2}""")]
    [InlineData("""{"id":"1","type":2,"token":"t"}""")]
    [InlineData("""{"id":"1","type":99,"token":"t","data":{}}""")]
    public async Task SignedButMalformedPayloadsGet400(string body)
    {
        using var response = await fixture.Bot.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownCommandsGetAPoliteEphemeralNote()
    {
        var (_, _, body) = FakeInteractions.Command("cardsearch");

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(0, json.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    internal static string SignWithOtherKey(string message)
    {
        // RFC 8032 TEST 2's key: a valid Ed25519 key that is not the application's.
        using var other = Key.Import(SignatureAlgorithm.Ed25519,
            Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"), KeyBlobFormat.RawPrivateKey);
        return Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(other, Encoding.UTF8.GetBytes(message)));
    }

    private static string FlipFirstBit(string hex) => ((Convert.ToInt32(hex[..2], 16) ^ 1).ToString("x2")) + hex[2..];
}
