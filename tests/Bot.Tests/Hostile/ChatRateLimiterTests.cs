using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat.RateLimiting;

namespace Newsdesk.Tests.Hostile;

public sealed class ChatRateLimiterTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private ChatRateLimiter Limiter(int perUser = 5, int perChannel = 20, int maxKeys = 100_000) => new(Options.Create(new ChatRateLimitOptions
    {
        PerUser = new ChatRateLimit { Permits = perUser, Window = TimeSpan.FromMinutes(1) },
        PerChannel = new ChatRateLimit { Permits = perChannel, Window = TimeSpan.FromMinutes(1) },
        MaxTrackedKeys = maxKeys,
    }), clock);

    [Fact]
    public void AUserGetsABurstThenIsToldWhenToTryAgainAndCanThen()
    {
        var limiter = Limiter();
        for (var i = 0; i < 5; i++) Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);

        var refused = limiter.TryAcquire("Slack", "U1", "C1");

        Assert.False(refused.IsAllowed);
        Assert.Equal(ChatRateScope.User, refused.Scope);
        Assert.Equal(TimeSpan.FromSeconds(12), refused.RetryAfter);
        Assert.Equal("You've asked me a lot of questions in a short time. Please try again in 12 seconds.", refused.Message);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.False(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);
    }

    [Fact]
    public void AChannelIsLimitedAcrossItsUsersAndOtherChannelsAreNot()
    {
        var limiter = Limiter(perUser: 5, perChannel: 3);
        for (var i = 0; i < 3; i++) Assert.True(limiter.TryAcquire("Discord", $"U{i}", "C1").IsAllowed);

        var refused = limiter.TryAcquire("Discord", "U9", "C1");

        Assert.Equal(ChatRateScope.Channel, refused.Scope);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
        Assert.StartsWith("This channel has asked me a lot of questions", refused.Message, StringComparison.Ordinal);
        // The refusal took nothing from U9, who may still ask four more elsewhere.
        for (var i = 0; i < 5; i++) Assert.True(limiter.TryAcquire("Discord", "U9", $"D{i}").IsAllowed);
        Assert.False(limiter.TryAcquire("Discord", "U9", "D9").IsAllowed);
    }

    [Fact]
    public void PlatformsDoNotShareBuckets()
    {
        var limiter = Limiter(perUser: 1);
        Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);
        Assert.True(limiter.TryAcquire("Discord", "U1", "C1").IsAllowed);
        Assert.False(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);
    }

    [Fact]
    public void OnlyTheFirstRefusalOfABurstAsksToBeAnnounced()
    {
        var limiter = Limiter(perUser: 1);
        Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);

        Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsFirstRefusal);
        Assert.False(limiter.TryAcquire("Slack", "U1", "C1").IsFirstRefusal);
        Assert.False(limiter.TryAcquire("Slack", "U1", "C2").IsFirstRefusal);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);
        Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsFirstRefusal);
    }

    [Fact]
    public void ABusyChannelAsksForOneRefusalNoticeNotOnePerPersonRefused()
    {
        var limiter = Limiter(perUser: 5, perChannel: 20);
        for (var i = 0; i < 20; i++) Assert.True(limiter.TryAcquire("Slack", $"U{i}", "CBUSY").IsAllowed);

        var refusals = Enumerable.Range(20, 30).Select(i => limiter.TryAcquire("Slack", $"U{i}", "CBUSY")).ToList();

        Assert.All(refusals, r => Assert.Equal(ChatRateScope.Channel, r.Scope));
        Assert.Single(refusals, r => r.IsFirstRefusal);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAcquire("Slack", "U99", "CBUSY").IsAllowed);
        for (var i = 0; i < 19; i++) limiter.TryAcquire("Slack", $"V{i}", "CBUSY");
        Assert.True(limiter.TryAcquire("Slack", "W1", "CBUSY").IsFirstRefusal);
    }

    [Fact]
    public void LongWaitsAreSaidInMinutes()
    {
        var limiter = new ChatRateLimiter(Options.Create(new ChatRateLimitOptions
        {
            PerUser = new ChatRateLimit { Permits = 2, Window = TimeSpan.FromHours(1) },
        }), clock);
        limiter.TryAcquire("Slack", "U1", null);
        limiter.TryAcquire("Slack", "U1", null);

        Assert.EndsWith("Please try again in 30 minutes.", limiter.TryAcquire("Slack", "U1", null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFloodOfDistinctSendersKeepsMemoryBounded()
    {
        var limiter = Limiter(maxKeys: 100);

        for (var i = 0; i < 10_000; i++)
        {
            limiter.TryAcquire("Slack", $"U{i}", $"C{i % 7}");
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(limiter.TrackedKeys, 1, 100);
        // The busy channels are still remembered as busy: they were used most recently.
        Assert.False(limiter.TryAcquire("Slack", "Unew", "C0").IsAllowed);
    }

    [Fact]
    public void DisabledLimitsAllowEverything()
    {
        var limiter = new ChatRateLimiter(Options.Create(new ChatRateLimitOptions { IsEnabled = false }), clock);
        for (var i = 0; i < 1000; i++) Assert.True(limiter.TryAcquire("Slack", "U1", "C1").IsAllowed);
        Assert.Equal(0, limiter.TrackedKeys);
    }
}
