using Microsoft.Extensions.Time.Testing;

namespace Newsdesk.Tests.Hostile;

/// <summary>The fuzz run sends its signed cases for minutes on a loaded machine; a Slack case signed with the time the
/// corpus was made would reach the bot past its five-minute window and be refused as stale, failing the run.</summary>
public sealed class FuzzCorpusClockTests
{
    [Fact]
    public void ASignedSlackCaseCarriesTheTimeItWasMadeNotTheTimeTheCorpusWasMade()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var signer = new HostileSigner();
        var corpus = new FuzzCorpus(HostileInputFuzzTests.Seed, clock, new Uri("http://127.0.0.1:1/fuzz-"), signer);
        using var cases = corpus.SignedOdd().Where(c => c.Path == FuzzCorpus.Events).GetEnumerator();

        Assert.True(cases.MoveNext());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(), Timestamp(cases.Current));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(cases.MoveNext());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(), Timestamp(cases.Current));
    }

    [Fact]
    public void ASignedSlackCaseIsSignedOverTheTimestampItSendsEvenWhenTheClockMovesWhileItIsMade()
    {
        var clock = new TickingClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var signer = new HostileSigner();
        var corpus = new FuzzCorpus(HostileInputFuzzTests.Seed, clock, new Uri("http://127.0.0.1:1/fuzz-"), signer);

        foreach (var item in corpus.SignedOdd().Where(c => c.Path != FuzzCorpus.Discord).Take(20))
            Assert.Equal(HostileSigner.SignSlack(long.Parse(Timestamp(item)), item.Body), item.Headers.Single(h => h.Key == "X-Slack-Signature").Value);
    }

    private static string Timestamp(FuzzCase item) => item.Headers.Single(h => h.Key == "X-Slack-Request-Timestamp").Value;

    /// <summary>A clock a second later at every reading: the worst case of a real clock read twice across a second's
    /// boundary.</summary>
    private sealed class TickingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now = now.AddSeconds(1);
    }
}
