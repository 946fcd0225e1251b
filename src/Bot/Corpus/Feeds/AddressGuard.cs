using System.Net;
using System.Net.Sockets;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Decides which addresses a feed fetch may connect to. Checked on the address actually dialled (in the
/// connection callback), so a host name that resolves, or re-resolves, to an inside address is refused too.
/// An IPv6 address that carries an IPv4 address (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it
/// reaches; Teredo and the other transition ranges, whose IPv4 end cannot be judged, are refused.</summary>
public static class AddressGuard
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? IsAllowedV6(address.GetAddressBytes()) : IsAllowedV4(address.GetAddressBytes());
    }

    private static bool IsAllowedV6(byte[] b)
    {
        var address = new IPAddress(b);
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC) return false; // fc00::/7 unique local
        // ::/96, IPv4-compatible (deprecated; "::" and "::1" are in it too), and ::ffff:0:0:0/96, IPv4-translated.
        if (b.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0 && (b[10], b[11]) is (0, 0) or (0xFF, 0xFF)) return IsAllowedEmbedded(b, 12);
        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && (b[8], b[9], b[10], b[11]) == (0xFF, 0xFF, 0, 0)) return false;
        // 64:ff9b::/96, NAT64 well-known prefix: the gateway dials the embedded IPv4 address.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0) return IsAllowedEmbedded(b, 12);
        // 64:ff9b:1::/48, local-use NAT64, where the IPv4 address may sit at several offsets: refused.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0 && b[5] == 1) return false;
        // 2002::/16, 6to4: the relay forwards to the IPv4 address in bits 16–47.
        if (b[0] == 0x20 && b[1] == 0x02) return IsAllowedEmbedded(b, 2);
        // 2001::/32 Teredo (the IPv4 end is obfuscated), 100::/64 discard-only.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return false;
        if (b[0] == 0x01 && b[1] == 0 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0) return false;
        return true;
    }

    // An inside IPv4 address stays inside whichever IPv6 form reaches it; loopback too (only a direct 127.0.0.1 or
    // ::1 is the test feed server that FeedAllowLoopback is for).
    private static bool IsAllowedEmbedded(byte[] b, int offset) => IsAllowedV4(b[offset..(offset + 4)]);

    private static bool IsAllowedV4(byte[] b) =>
        !(b[0] == 0 || b[0] == 10 || b[0] == 127
          || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // carrier-grade NAT
          || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
          || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
          || (b[0] == 192 && b[1] == 168)
          || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
          || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // benchmarking
          || b[0] >= 224);                                 // multicast, reserved, broadcast

    /// <summary>Only http and https, and never from https down to http.</summary>
    public static bool IsAllowedRedirect(Uri from, Uri to) =>
        (to.Scheme == Uri.UriSchemeHttps || to.Scheme == Uri.UriSchemeHttp)
        && !(from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp);
}
