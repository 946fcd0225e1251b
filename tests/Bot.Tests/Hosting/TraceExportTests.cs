using Microsoft.Extensions.Options;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Fakes.Telemetry;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hosting;

/// <summary>Traces leave the process over OTLP/HTTP when a collector is named: the real <c>serve</c> host, the fake
/// Slack and a fake collector on loopback.</summary>
public sealed class TraceExportTests
{
    private const string CorrelationId = "trace-export-5c1d";

    [Fact]
    public async Task AQuestionsSpansReachTheCollectorWithItsCorrelationId()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var collector = await FakeOtlpCollector.StartAsync();
        var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), settings: [$"--Telemetry:OtlpEndpoint={collector.BaseUrl}"]);
        await using (bot)
        {
            var request = slack.SignedEvent(SlackEvents.Mention("EvTrace", "CTRACE", "1700000090.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}"));
            request.Headers.Add(CorrelationIdMiddleware.Header, CorrelationId);
            (await bot.SendAsync(request)).EnsureSuccessStatusCode();
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CTRACE");
        }

        // Stopping the host flushes the batch exporter, so everything finished before the stop has been sent.
        var traces = collector.Exports.Where(e => e.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
        Assert.Contains(traces, t => t.Mentions("newsdesk.chat.answer") && t.Mentions(CorrelationId));
        Assert.Contains(traces, t => t.Mentions("newsdesk.answering.answer"));
        Assert.Contains(traces, t => t.Mentions("/slack/events"));
        Assert.All(traces, t => Assert.True(t.Mentions("newsdesk"), "every export names the service"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("http://collector.internal:4318/otel/", "http://collector.internal:4318/otel/v1/traces")]
    [InlineData("https://collector.internal/v1/traces", "https://collector.internal/v1/traces")]
    public void TheTracesPathGoesUnderTheCollectorsBaseAddressOnce(string configured, string expected) =>
        Assert.Equal(new Uri(expected), TelemetryOptions.TracesAddress(new Uri(configured)));

    [Theory]
    [InlineData("ftp://collector.internal")]
    [InlineData("collector.internal:4318")]
    public async Task AnAddressThatIsNotHttpStopsTheStart(string endpoint)
    {
        using var folder = new TemporaryFolder();
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(
            ["--Storage:Database=" + folder.File("bot.db"), "--corpus", TestPaths.Seeds, $"--Telemetry:OtlpEndpoint={endpoint}"]));
        Assert.Contains("Telemetry:OtlpEndpoint", failure.Message, StringComparison.Ordinal);
    }
}
