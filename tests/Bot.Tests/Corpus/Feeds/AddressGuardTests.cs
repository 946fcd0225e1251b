using System.Net;
using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Tests.Corpus.Feeds;

public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]            // IPv4-compatible
    [InlineData("::169.254.169.254")]
    [InlineData("::ffff:0:10.0.0.1")]      // IPv4-translated
    [InlineData("64:ff9b::169.254.169.254")] // NAT64
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b:1::a00:1")]       // local-use NAT64
    [InlineData("64:ff9b:1::8.8.8.8")]
    [InlineData("2002:a9fe:a9fe::1")]      // 6to4 of 169.254.169.254
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("100::1")]                 // discard-only
    public void PrivateAndLinkLocalAddressesAreRefusedEvenWhenLoopbackIsAllowed(string address) =>
        Assert.False(AddressGuard.IsAllowed(IPAddress.Parse(address), allowLoopback: true));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void LoopbackIsRefusedUnlessAllowed(string address)
    {
        Assert.False(AddressGuard.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
        Assert.True(AddressGuard.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
    }

    [Theory]
    [InlineData("151.101.0.81")]
    [InlineData("2a04:4e42::81")]
    [InlineData("64:ff9b::151.101.0.81")]  // NAT64 of a public address
    [InlineData("2002:9765:51::1")]        // 6to4 of a public address
    public void PublicAddressesAreAllowed(string address) => Assert.True(AddressGuard.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("https://a.example/feed", "http://b.example/feed", false)]
    [InlineData("https://a.example/feed", "file:///etc/passwd", false)]
    [InlineData("http://a.example/feed", "ftp://a.example/feed", false)]
    [InlineData("http://a.example/feed", "https://a.example/feed", true)]
    public void RedirectsKeepToHttpAndNeverDowngrade(string from, string to, bool allowed) =>
        Assert.Equal(allowed, AddressGuard.IsAllowedRedirect(new Uri(from), new Uri(to)));
}
