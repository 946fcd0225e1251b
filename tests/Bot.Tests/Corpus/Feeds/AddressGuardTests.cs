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

    [Fact]
    public void PublicAddressesAreAllowed() => Assert.True(AddressGuard.IsAllowed(IPAddress.Parse("151.101.0.81"), allowLoopback: false));

    [Theory]
    [InlineData("https://a.example/feed", "http://b.example/feed", false)]
    [InlineData("https://a.example/feed", "file:///etc/passwd", false)]
    [InlineData("http://a.example/feed", "ftp://a.example/feed", false)]
    [InlineData("http://a.example/feed", "https://a.example/feed", true)]
    public void RedirectsKeepToHttpAndNeverDowngrade(string from, string to, bool allowed) =>
        Assert.Equal(allowed, AddressGuard.IsAllowedRedirect(new Uri(from), new Uri(to)));
}
