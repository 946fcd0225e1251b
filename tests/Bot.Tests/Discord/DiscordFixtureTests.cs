using System.Net;
using System.Text.Json;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Tests.Discord;

/// <summary>Every official payload in ../shared/fixtures/discord parses and is handled by the real server.</summary>
[Collection(DiscordBotCollection.Name)]
public sealed class DiscordFixtureTests(DiscordBotFixture fixture)
{
    [SharedTheory]
    [InlineData("interaction-ping.json", 1)]
    [InlineData("interaction-application-command-slash.json", 4)]
    [InlineData("interaction-application-command-user.json", 4)]
    [InlineData("interaction-application-command-message.json", 4)]
    public async Task EveryInteractionFixtureIsAnsweredWhenSigned(string file, int expectedType)
    {
        var body = (await File.ReadAllTextAsync(TestPaths.Fixture("discord", file))).TrimEnd('\n');

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(expectedType, json.GetProperty("type").GetInt32());
    }

    [SharedFact]
    public async Task TheDerivedSignedRequestsAreAcceptedOrRejectedAsLabelled()
    {
        using var cases = JsonDocument.Parse(await File.ReadAllTextAsync(TestPaths.Fixture("discord", "signed-requests.derived-rfc8032-test1-key.json")));
        Assert.Equal(FakeDiscord.PublicKeyHex, cases.RootElement.GetProperty("application_public_key").GetString());

        foreach (var item in cases.RootElement.GetProperty("cases").EnumerateArray())
        {
            var headers = item.GetProperty("headers");
            using var request = fixture.Discord.SignedInteraction(fixture.Bot.Address, item.GetProperty("body").GetString()!,
                headers.GetProperty("X-Signature-Ed25519").GetString(), headers.GetProperty("X-Signature-Timestamp").GetString()!);
            using var response = await fixture.Bot.Client.SendAsync(request);

            var expected = item.GetProperty("valid").GetBoolean() ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            Assert.True(expected == response.StatusCode, $"{item.GetProperty("name")}: {response.StatusCode}");
        }
    }

    [SharedFact]
    public async Task TheCommandDefinitionAndPongFixturesParseAsTheBotsOwnTypes()
    {
        var blep = JsonSerializer.Deserialize<DiscordCommandDefinition>(
            await File.ReadAllTextAsync(TestPaths.Fixture("discord", "application-command-definition-blep.json")), DiscordJson.Options)!;
        var pong = await File.ReadAllTextAsync(TestPaths.Fixture("discord", "interaction-response-pong.json"));

        Assert.Equal("blep", blep.Name);
        Assert.Equal(1, blep.Type);
        Assert.Equal([DiscordCommandOptionDefinition.StringType, DiscordCommandOptionDefinition.BooleanType], blep.Options!.Select(o => o.Type));
        Assert.True(blep.Options![0].Required);
        Assert.Equal(JsonSerializer.Deserialize<JsonElement>(pong).GetRawText(),
            JsonSerializer.Serialize(new DiscordInteractionResponse(DiscordInteractionResponse.Pong), DiscordJson.Options));
    }
}
