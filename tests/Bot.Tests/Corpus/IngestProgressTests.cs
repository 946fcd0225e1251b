using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus;

namespace Newsdesk.Tests.Corpus;

/// <summary>The progress line of a long ingestion: counts, rate and time left, rewritten in place on a terminal, and
/// silent for an ingestion that is over within a second.</summary>
public sealed class IngestProgressTests
{
    private const string Line = "\rIngesting: 100/300 documents, 50 documents/s (500 sentences/s), 0:04 left   ";

    [Fact]
    public void ALongIngestionShowsDoneOutOfTotalRateAndTimeLeftThenEndsItsLine()
    {
        var time = new FakeTimeProvider();
        var terminal = new StringWriter();
        var progress = new IngestProgress(terminal, time, total: 300);

        progress.Advance(10, 100);
        Assert.Equal("", terminal.ToString());
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Advance(90, 900);
        Assert.Equal(Line, terminal.ToString());
        progress.Finish();

        Assert.Equal(Line + Line + Environment.NewLine, terminal.ToString());
    }

    [Fact]
    public void AShortIngestionWritesNothing()
    {
        var time = new FakeTimeProvider();
        var terminal = new StringWriter();
        var progress = new IngestProgress(terminal, time, total: 3);

        time.Advance(TimeSpan.FromMilliseconds(500));
        progress.Advance(3, 30);
        progress.Finish();

        Assert.Equal("", terminal.ToString());
    }
}
