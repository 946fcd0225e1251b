using System.Net;
using System.Net.Sockets;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Decides which addresses a feed fetch may connect to. Checked on the address actually dialled (in the
/// connection callback), so a host name that resolves, or re-resolves, to an inside address is refused too.</summary>
public static class AddressGuard
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
                || (address.GetAddressBytes()[0] & 0xFE) == 0xFC); // fc00::/7 unique local
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || b[0] >= 224);                                 // multicast, reserved, broadcast
    }

    /// <summary>Only http and https, and never from https down to http.</summary>
    public static bool IsAllowedRedirect(Uri from, Uri to) =>
        (to.Scheme == Uri.UriSchemeHttps || to.Scheme == Uri.UriSchemeHttp)
        && !(from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp);
}
