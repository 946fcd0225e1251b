using System.Text;
using NSec.Cryptography;

namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>Signs as Discord does with the fake's key (RFC 8032 TEST 1), without starting a server.</summary>
public sealed class FakeDiscordSigner : IDisposable
{
    private readonly Key key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(FakeDiscord.SecretKeyHex), KeyBlobFormat.RawPrivateKey);

    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body)));

    public void Dispose() => key.Dispose();
}
