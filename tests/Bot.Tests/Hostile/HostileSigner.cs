using System.Globalization;
using System.Text;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using NSec.Cryptography;
using Newsdesk.Slack.Endpoints;

namespace Newsdesk.Tests.Hostile;

/// <summary>Signs raw bytes as Discord (Ed25519, the fake's RFC 8032 TEST 1 key) and Slack (v0 HMAC) do, so a
/// fuzz case can carry a valid signature over bytes that are not valid UTF-8 or JSON.</summary>
public sealed class HostileSigner : IDisposable
{
    private readonly Key discordKey = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(FakeDiscord.SecretKeyHex), KeyBlobFormat.RawPrivateKey);

    public string SignDiscord(string timestamp, byte[] body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(discordKey, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));

    public static string SignSlack(long timestamp, byte[] body, string secret = FakeSlack.SigningSecret) =>
        Encoding.ASCII.GetString(SlackSignatureVerifier.Compute(secret, timestamp.ToString(CultureInfo.InvariantCulture), body));

    public void Dispose() => discordKey.Dispose();
}
