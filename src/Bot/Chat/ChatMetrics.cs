using System.Diagnostics.Metrics;

namespace Newsdesk.Chat;

/// <summary>The chat path's instruments, on the "Newsdesk.Chat" meter: questions taken or turned away, replies by
/// outcome, answer latency, offline fallbacks and the inbox depth. Plain System.Diagnostics.Metrics, so the core knows
/// nothing of how they are exported (<c>serve</c> exposes them for Prometheus at /metrics).</summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Newsdesk.Chat";

    private readonly Meter meter;
    private readonly Counter<long> questions;
    private readonly Counter<long> replies;
    private readonly Counter<long> fallbacks;
    private readonly Counter<long> recovered;
    private readonly Counter<long> firstResponses;
    private readonly Histogram<double> answerDuration;
    private readonly Counter<long> votes;

    public ChatMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        questions = meter.CreateCounter<long>("newsdesk.chat.questions", description: "Questions offered to the inbox, by platform and outcome (queued, busy, closed)");
        replies = meter.CreateCounter<long>("newsdesk.chat.replies", description: "Replies sent, by platform and outcome (answered, declined, failed, abandoned)");
        fallbacks = meter.CreateCounter<long>("newsdesk.chat.offline_fallbacks", description: "Answers composed offline because the language model failed or was slow");
        recovered = meter.CreateCounter<long>("newsdesk.chat.recovered", description: "Questions taken over from the chat journal, by platform and outcome (requeued, expired, busy, unreadable, failed)");
        firstResponses = meter.CreateCounter<long>("newsdesk.chat.first_responses",
            description: "How each request was first answered, by platform and mode (inline: the reply itself within the budget; deferred: an acknowledgement, the reply later)");
        votes = meter.CreateCounter<long>("newsdesk.feedback.votes",
            description: "👍/👎 recorded on answers, by platform and vote (helpful, unhelpful); a day's increase is that day's votes");
        answerDuration = meter.CreateHistogram<double>("newsdesk.chat.answer.duration", unit: "s",
            description: "From a worker taking a question to its reply being sent",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60] });
    }

    /// <summary>Registers the depth gauge; the inbox calls this once, as it owns the number.</summary>
    public void ObserveInboxDepth(Func<int> depth) =>
        meter.CreateObservableGauge("newsdesk.chat.inbox.depth", depth, description: "Questions waiting for a worker");

    public void QuestionOffered(string platform, string outcome) =>
        questions.Add(1, new("platform", platform), new("outcome", outcome));

    public void ReplySent(string platform, string outcome, TimeSpan elapsed)
    {
        replies.Add(1, new("platform", platform), new("outcome", outcome));
        answerDuration.Record(elapsed.TotalSeconds, new("platform", platform), new("outcome", outcome));
    }

    public void Recovered(string platform, string outcome) =>
        recovered.Add(1, new("platform", platform), new("outcome", outcome));

    /// <summary>Counts whether a reply went out inline or after a deferral, so the inline path's worth is measured.</summary>
    public void FirstResponse(string platform, string mode) =>
        firstResponses.Add(1, new("platform", platform), new("mode", mode));

    public void VoteRecorded(string platform, bool isHelpful) =>
        votes.Add(1, new("platform", platform), new("vote", isHelpful ? "helpful" : "unhelpful"));

    public void OfflineFallback(string platform) => fallbacks.Add(1, new KeyValuePair<string, object?>("platform", platform));
}
