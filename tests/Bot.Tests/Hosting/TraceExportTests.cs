using Microsoft.Extensions.Options;
using Newsdesk.Hosting;
using Newsdesk.Tests.Faults;
using Newsdesk.Tests.Fakes.Discord;
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

    /// <summary>Discord's interaction token is part of the URL the bot calls to answer (as a webhook's token is); an
    /// outgoing call's span names the peer, never that capability. The bot runs as its own process here: in this test
    /// process the fake Discord's own server spans, which do carry the path, would reach any listener.</summary>
    [Fact]
    public async Task TokensInTheAddressesTheBotCallsNeverReachTheCollector()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        await using var collector = await FakeOtlpCollector.StartAsync();
        var (_, token, body) = FakeInteractions.Ask(SlackEvents.Question);
        await using var serve = await ServeProcess.StartAsync([
            "--corpus", TestPaths.Seeds, $"--Storage:Database={folder.File("bot.db")}", "--Chat:Workers=1",
            $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", "--Discord:AnswerBudgetMilliseconds=0",
            $"--Telemetry:OtlpEndpoint={collector.BaseUrl}",
        ], new Dictionary<string, string>
        {
            ["Discord__BotToken"] = FakeDiscord.BotToken,
            // The exporter's standard batch delay setting: spans leave within 0.2 s instead of 5 s.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });

        (await serve.Http.SendAsync(discord.SignedInteraction(serve.Address, body))).EnsureSuccessStatusCode();
        await discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal));
        // The answer's edit is an outgoing PATCH: its span is exported with the answer's.
        await collector.WaitForAsync(e => e.Path == "/v1/traces" && e.Mentions("PATCH"), TimeSpan.FromSeconds(60));
        await collector.WaitForAsync(e => e.Path == "/v1/traces" && e.Mentions("newsdesk.chat.answer"), TimeSpan.FromSeconds(60));

        Assert.Contains(collector.Exports, e => e.Mentions(discord.ApiBaseUrl.GetLeftPart(UriPartial.Authority)));
        Assert.DoesNotContain(collector.Exports, e => e.Mentions(token));
        Assert.DoesNotContain(collector.Exports, e => e.Mentions(FakeDiscord.BotToken));
    }

    [Theory]
    [InlineData("http://127.0.0.1:4318", "traces", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("http://collector.internal:4318/otel/", "traces", "http://collector.internal:4318/otel/v1/traces")]
    [InlineData("https://collector.internal/v1/traces", "traces", "https://collector.internal/v1/traces")]
    [InlineData("https://collector.internal/v1/traces", "metrics", "https://collector.internal/v1/metrics")]
    [InlineData("http://127.0.0.1:4318/", "metrics", "http://127.0.0.1:4318/v1/metrics")]
    public void EachSignalsPathGoesUnderTheCollectorsBaseAddressOnce(string configured, string signal, string expected) =>
        Assert.Equal(new Uri(expected), TelemetryOptions.SignalAddress(new Uri(configured), signal));

    [Fact]
    public async Task MetricsAreExportedOverOtlpBesideThePrometheusScrape()
    {
        using var folder = new TemporaryFolder();
        await using var collector = await FakeOtlpCollector.StartAsync();
        var (app, address) = await RunningServer.StartAsync(
            ["--Storage:Database=" + folder.File("bot.db"), "--corpus", TestPaths.Seeds, $"--Telemetry:OtlpEndpoint={collector.BaseUrl}"]);
        await using (app)
        {
            using var http = new HttpClient { BaseAddress = address };
            (await http.GetAsync("healthz")).EnsureSuccessStatusCode();
            var scrape = await http.GetStringAsync("metrics");
            Assert.Contains("http_server_request_duration", scrape, StringComparison.Ordinal);
            await app.StopAsync();
        }

        // Stopping the host flushes the metric reader: the request counted above reaches the collector.
        var metrics = collector.Exports.Where(e => e.Path == "/v1/metrics").ToList();
        Assert.NotEmpty(metrics);
        Assert.All(metrics, m => Assert.Equal("application/x-protobuf", m.ContentType));
        Assert.Contains(metrics, m => m.Mentions("http.server.request.duration") && m.Mentions("newsdesk"));
    }

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
