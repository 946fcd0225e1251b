using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Newsdesk.Discord.Interactions;

/// <summary>Checks <c>X-Signature-Ed25519</c> over <c>X-Signature-Timestamp</c> + the raw body with the application's
/// public key (discord-api-docs <c>interactions/overview.mdx</c>). Anything missing or malformed is simply invalid.
/// No freshness window: Discord documents none, and local clock skew must not reject real requests (docs/protocols.md, "Discord request signing").</summary>
public sealed class DiscordSignatureVerifier
{
    private readonly PublicKey? key;

    public DiscordSignatureVerifier(IOptions<DiscordOptions> options)
    {
        var hex = options.Value.PublicKey?.Trim();
        if (!string.IsNullOrEmpty(hex)) key = ImportKey(Convert.FromHexString(hex));
    }

    public static PublicKey ImportKey(byte[] rawPublicKey) =>
        PublicKey.Import(SignatureAlgorithm.Ed25519, rawPublicKey, KeyBlobFormat.RawPublicKey);

    public bool IsValid(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body) =>
        key is not null && IsValid(key, signatureHex, timestamp, body);

    public static bool IsValid(PublicKey key, string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || signatureHex is not { Length: 128 }) return false;
        byte[] signature;
        try { signature = Convert.FromHexString(signatureHex); }
        catch (FormatException) { return false; }

        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        return IsValid(key, signature, message);
    }

    /// <summary>The bare Ed25519 check, as in RFC 8032 (what the vectors test).</summary>
    public static bool IsValid(PublicKey key, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize && SignatureAlgorithm.Ed25519.Verify(key, message, signature);
}
