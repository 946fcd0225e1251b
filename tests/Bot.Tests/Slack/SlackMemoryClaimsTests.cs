using Microsoft.Extensions.Time.Testing;
using Newsdesk.Slack;
using Newsdesk.Slack.Events;

namespace Newsdesk.Tests.Slack;

/// <summary>The claims held in memory while the store cannot be written: all keys or none, and forgotten after the
/// store's own retention.</summary>
public sealed class SlackMemoryClaimsTests
{
    [Fact]
    public void AHeldClaimRefusesAnyOfItsKeysUntilTheRetentionHasPassed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var claims = new SlackMemoryClaims(clock, TimeSpan.FromHours(1));

        Assert.True(claims.TryClaim(["message:C1:1.1", "event:Ev1"]));
        Assert.False(claims.TryClaim(["message:C1:1.1", "event:Ev2"]));
        Assert.False(claims.IsClaimed(["message:C1:1.2", "event:Ev2"]));
        Assert.True(claims.IsClaimed(["event:Ev1"]));

        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.False(claims.IsClaimed(["event:Ev1"]));
        Assert.True(claims.TryClaim(["message:C1:1.1", "event:Ev1"]));
    }
}
