using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;
using Newsdesk.Discord.Interactions;

namespace Newsdesk.Tests.Discord;

public sealed class DiscordSignatureVerifierTests
{
    [SharedFact]
    public async Task Rfc8032VectorsVerifyAndAnyChangedByteFails()
    {
        using var vectors = JsonDocument.Parse(await File.ReadAllTextAsync(TestPaths.Fixture("ed25519-rfc8032.json")));

        foreach (var vector in vectors.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var key = DiscordSignatureVerifier.ImportKey(Convert.FromHexString(vector.GetProperty("public_key").GetString()!));
            var message = Convert.FromHexString(vector.GetProperty("message").GetString()!);
            var signature = Convert.FromHexString(vector.GetProperty("signature").GetString()!);

            Assert.True(DiscordSignatureVerifier.IsValid(key, signature, message), vector.GetProperty("name").GetString());
            signature[^1] ^= 0x01;
            Assert.False(DiscordSignatureVerifier.IsValid(key, signature, message));
            Assert.False(DiscordSignatureVerifier.IsValid(key, Convert.FromHexString(vector.GetProperty("signature").GetString()!), [.. message, 0x00]));
        }
    }

    [SharedFact]
    public async Task DerivedDiscordRequestsVerifyExactlyWhenLabelledValid()
    {
        using var cases = JsonDocument.Parse(await File.ReadAllTextAsync(TestPaths.Fixture("discord", "signed-requests.derived-rfc8032-test1-key.json")));
        var verifier = Verifier(cases.RootElement.GetProperty("application_public_key").GetString());

        foreach (var item in cases.RootElement.GetProperty("cases").EnumerateArray())
        {
            var headers = item.GetProperty("headers");
            var isValid = verifier.IsValid(headers.GetProperty("X-Signature-Ed25519").GetString(), headers.GetProperty("X-Signature-Timestamp").GetString(),
                Encoding.UTF8.GetBytes(item.GetProperty("body").GetString()!));

            Assert.True(item.GetProperty("valid").GetBoolean() == isValid, item.GetProperty("name").GetString());
        }
    }

    [Theory]
    [InlineData(null, "1700000000")]
    [InlineData("", "1700000000")]
    [InlineData("not hex at all", "1700000000")]
    [InlineData("abcd", "1700000000")]
    [InlineData("GOOD", null)]
    [InlineData("GOOD", "")]
    public void MissingOrMalformedHeadersAreInvalid(string? signature, string? timestamp)
    {
        using var discord = new FakeDiscordSigner();
        var body = Encoding.UTF8.GetBytes("""{"type":1}""");
        var good = discord.Sign("1700000000", """{"type":1}""");

        Assert.True(Verifier(FakeDiscord.PublicKeyHex).IsValid(good, "1700000000", body));
        Assert.False(Verifier(FakeDiscord.PublicKeyHex).IsValid(signature == "GOOD" ? good : signature, timestamp, body));
    }

    [Fact]
    public void WithoutAPublicKeyNothingIsValid()
    {
        using var discord = new FakeDiscordSigner();
        var good = discord.Sign("1700000000", "{}");

        Assert.False(Verifier(null).IsValid(good, "1700000000", "{}"u8));
    }

    private static DiscordSignatureVerifier Verifier(string? publicKey) =>
        new(Options.Create(new DiscordOptions { PublicKey = publicKey }));
}
