using Microsoft.Extensions.Options;
using Newsdesk.Digest;

namespace Newsdesk.Tests.Digest;

public sealed class DigestScheduleTests
{
    private static DigestSchedule Schedule(string cron, string zone) =>
        new(Options.Create(new DigestOptions { Schedule = cron, TimeZone = zone }));

    [Theory]
    [InlineData("Europe/London", "2025-03-29T08:00:00Z", "2025-03-30T07:00:00Z", "2025-03-31T07:00:00Z")]
    [InlineData("America/New_York", "2025-03-08T13:00:00Z", "2025-03-09T12:00:00Z", "2025-03-10T12:00:00Z")]
    [InlineData("Australia/Sydney", "2025-04-03T21:00:00Z", "2025-04-04T21:00:00Z", "2025-04-05T22:00:00Z")]
    [InlineData("Asia/Kolkata", "2025-03-29T02:30:00Z", "2025-03-30T02:30:00Z", "2025-03-31T02:30:00Z")]
    public void EightAmLocalFollowsTheTimeZoneAcrossDaylightSavingChanges(string zone, string first, string second, string third)
    {
        var schedule = Schedule("0 8 * * *", zone);
        var expected = new[] { first, second, third }.Select(DateTimeOffset.Parse).ToList();

        var next = schedule.Next(expected[0].AddMinutes(-1))!.Value;
        Assert.Equal(expected[0], next);
        Assert.Equal(expected[1], next = schedule.Next(next)!.Value);
        Assert.Equal(expected[2], schedule.Next(next)!.Value);
        Assert.All(expected, at => Assert.Equal(8, schedule.Local(at).Hour));
    }

    [Fact]
    public void TheLatestSlotAndItsLocalDateAreTakenInTheScheduleTimeZone()
    {
        var schedule = Schedule("0 8 * * *", "Pacific/Auckland");
        // 19:30 UTC on 10 March is 08:30 on 11 March in Auckland (NZDT, UTC+13).
        var now = new DateTimeOffset(2025, 3, 10, 19, 30, 0, TimeSpan.Zero);

        var slot = schedule.LatestAtOrBefore(now)!.Value;

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 19, 0, 0, TimeSpan.Zero), slot);
        Assert.Equal("2025-03-11", schedule.SlotDate(slot));
    }

    [Fact]
    public void ASlotSkippedByTheSpringForwardJumpStillFiresOnceThatDay()
    {
        // 01:30 does not exist in London on 30 March 2025 (01:00 GMT jumps to 02:00 BST).
        var schedule = Schedule("30 1 * * *", "Europe/London");
        var slot = schedule.Next(new DateTimeOffset(2025, 3, 29, 12, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal("2025-03-30", schedule.SlotDate(slot));
        Assert.Equal("2025-03-31", schedule.SlotDate(schedule.Next(slot)!.Value));
    }

    [Fact]
    public void AnHourRepeatedByTheAutumnChangeFiresOnce()
    {
        // 01:30 happens twice in London on 26 October 2025.
        var schedule = Schedule("30 1 * * *", "Europe/London");
        var first = schedule.Next(new DateTimeOffset(2025, 10, 25, 12, 0, 0, TimeSpan.Zero))!.Value;
        var second = schedule.Next(first)!.Value;
        Assert.Equal("2025-10-26", schedule.SlotDate(first));
        Assert.Equal("2025-10-27", schedule.SlotDate(second));
    }

    [Theory]
    [InlineData("slack:C0123ABCD", DigestPlatform.Slack)]
    [InlineData("discord:112233445566778899", DigestPlatform.DiscordChannel)]
    [InlineData("https://discord.com/api/webhooks/123/abc-token", DigestPlatform.DiscordWebhook)]
    public void DestinationsAreRecognisedByTheirForm(string value, DigestPlatform platform)
    {
        Assert.True(DigestDestination.TryParse(value, out var destination));
        Assert.Equal(platform, destination!.Platform);
        // A webhook URL is a credential: its ledger and log key does not contain it.
        Assert.DoesNotContain("abc-token", destination.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#general")]
    [InlineData("http://discord.com/api/webhooks/123/abc")]
    [InlineData("slack:general")]
    public void MalformedDestinationsAreRejected(string value) => Assert.False(DigestDestination.TryParse(value, out _));
}
