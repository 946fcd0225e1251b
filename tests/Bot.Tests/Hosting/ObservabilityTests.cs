using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Hosting;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hosting;

/// <summary>The real <c>serve</c> host against the fake Slack, with the real answerer: what Prometheus would scrape
/// after one question, and the correlation id carried from the HTTP request to the reply's log line and trace.</summary>
public sealed class ObservabilityTests
{
    private const string CorrelationId = "obs-test-7f3a";

    [Fact]
    public async Task AfterAQuestionMetricsShowItAndTheCorrelationIdRunsFromRequestToReply()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var logs = new CapturingLoggerProvider();
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ChatMetrics.MeterName || source.Name == GroundedAnswerer.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"),
            services: s => s.AddSingleton<ILoggerProvider>(logs), settings: ["--Logging:LogLevel:Newsdesk.Chat=Debug"]);

        var mention = SlackEvents.Mention("EvObserve", "COBSERVE", "1700000070.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        var request = slack.SignedEvent(mention);
        request.Headers.Add(CorrelationIdMiddleware.Header, CorrelationId);
        var acknowledgement = await bot.SendAsync(request);
        acknowledgement.EnsureSuccessStatusCode();
        Assert.Equal(CorrelationId, acknowledgement.Headers.GetValues(CorrelationIdMiddleware.Header).Single());
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "COBSERVE");

        // The acknowledgement's request duration is recorded as its request ends, which can come after the reply on a loaded
        // machine: scrape until both are there.
        var metrics = await ScrapeUntilAsync(bot,
            Sample("newsdesk_chat_replies_total", "outcome=\"answered\",platform=\"Slack\""), "(?m)^http_server_request_duration_seconds_bucket");
        Assert.Matches(Sample("newsdesk_chat_questions_total", "outcome=\"queued\",platform=\"Slack\""), metrics);
        Assert.Matches(Sample("newsdesk_chat_replies_total", "outcome=\"answered\",platform=\"Slack\""), metrics);
        Assert.Matches(Sample("newsdesk_chat_answer_duration_seconds_count", "outcome=\"answered\",platform=\"Slack\""), metrics);
        Assert.Contains("newsdesk_chat_inbox_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);

        var reply = Assert.Single(logs.Lines, l => l.Category == typeof(ChatWorker).FullName && l.Message.StartsWith("Replied to a Slack question", StringComparison.Ordinal)
            && Equals(l.Scope.GetValueOrDefault("CorrelationId"), CorrelationId));
        Assert.Equal("Slack", reply.Scope["Platform"]);
        Assert.Contains(logs.Lines, l => l.Category == typeof(ChatInbox).FullName && l.Message.Contains("EvObserve", StringComparison.Ordinal)
            && Equals(l.Scope.GetValueOrDefault("CorrelationId"), CorrelationId));

        var job = Assert.Single(activities, a => a.OperationName == "newsdesk.chat.answer" && (string?)a.GetTagItem("newsdesk.correlation_id") == CorrelationId);
        var answering = Assert.Single(activities, a => a.OperationName == "newsdesk.answering.answer" && a.ParentSpanId == job.SpanId);
        Assert.Equal(true, answering.GetTagItem("newsdesk.answered"));
    }

    [Fact]
    public async Task AnOddCorrelationHeaderIsReplacedNotLogged()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.Header, "x\u001b[31m fake log line");

        var response = await bot.Http.SendAsync(request);

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues(CorrelationIdMiddleware.Header).Single());
    }

    /// <summary>A sample line of <paramref name="name"/> whose labels include <paramref name="labels"/>, with a value of at least 1.</summary>
    private static string Sample(string name, string labels) => $@"(?m)^{name}\{{[^}}]*{Regex.Escape(labels)}[^}}]*\}} [1-9]";

    /// <summary>The reply is counted just after it is sent, so the scrape may come a moment early; bounded polling until
    /// every pattern matches a sample line (an instrument's name alone can appear in its <c># TYPE</c> line first).</summary>
    private static async Task<string> ScrapeUntilAsync(SlackBot bot, params string[] patterns)
    {
        var text = "";
        for (var i = 0; i < 300 && !patterns.All(p => Regex.IsMatch(text, p)); i++)
        {
            if (i > 0) await Task.Delay(100);
            text = await bot.Http.GetStringAsync("metrics");
        }
        return text;
    }
}
