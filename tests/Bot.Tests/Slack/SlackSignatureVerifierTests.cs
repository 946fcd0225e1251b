using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Endpoints;

namespace Newsdesk.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long VectorTime = 1531420618;

    [SharedFact]
    public void SlacksWorkedExampleVerifies()
    {
        using var vector = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("slack", "request-signing-vector.json")));
        var root = vector.RootElement;
        var timestamp = root.GetProperty("timestamp").GetString()!;
        var verifier = Verifier(root.GetProperty("signing_secret").GetString()!, long.Parse(timestamp));
        var body = Encoding.UTF8.GetBytes(root.GetProperty("body").GetString()!);

        Assert.Equal(root.GetProperty("expected_signature").GetString(),
            Encoding.ASCII.GetString(SlackSignatureVerifier.Compute(root.GetProperty("signing_secret").GetString()!, timestamp, body)));
        Assert.True(verifier.IsValid(timestamp, root.GetProperty("expected_signature").GetString(), body));
        foreach (var negative in root.GetProperty("negative_cases").EnumerateArray())
            Assert.False(verifier.IsValid(timestamp, negative.GetProperty("signature").GetString(), Encoding.UTF8.GetBytes(negative.GetProperty("body").GetString()!)));
    }

    [Fact]
    public void ATamperedBodyOrWrongSecretFails()
    {
        var body = "text=hello"u8.ToArray();
        var signature = Encoding.ASCII.GetString(SlackSignatureVerifier.Compute(Secret, "1531420618", body));
        Assert.True(Verifier(Secret, VectorTime).IsValid("1531420618", signature, body));
        Assert.False(Verifier(Secret, VectorTime).IsValid("1531420618", signature, "text=hellO"u8));
        Assert.False(Verifier("another-secret", VectorTime).IsValid("1531420618", signature, body));
        Assert.False(Verifier(Secret, VectorTime).IsValid("1531420618", signature.ToUpperInvariant(), body));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void TimestampsMoreThanFiveMinutesFromNowAreRefused(int offsetSeconds, bool isValid)
    {
        var timestamp = (VectorTime + offsetSeconds).ToString();
        var body = "{}"u8.ToArray();
        var signature = Encoding.ASCII.GetString(SlackSignatureVerifier.Compute(Secret, timestamp, body));
        Assert.Equal(isValid, Verifier(Secret, VectorTime).IsValid(timestamp, signature, body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AMissingSigningSecretFailsClosed(string? secret)
    {
        var body = "{}"u8.ToArray();
        var signature = Encoding.ASCII.GetString(SlackSignatureVerifier.Compute("", "1531420618", body));
        Assert.False(Verifier(secret, VectorTime).IsValid("1531420618", signature, body));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1531420618", null)]
    [InlineData("not-a-number", "v0=00")]
    [InlineData("1531420618", "v1=00")]
    public void MissingOrMalformedHeadersFail(string? timestamp, string? signature) =>
        Assert.False(Verifier(Secret, VectorTime).IsValid(timestamp, signature, "{}"u8));

    private static SlackSignatureVerifier Verifier(string? secret, long now) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));
}
