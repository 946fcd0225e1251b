using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Chat;

/// <summary>The worst-rated answers with their questions on <c>/metrics</c> (<c>newsdesk.feedback.worst_answers</c>:
/// 👎 minus 👍 per answer, labelled with its platform and the question's start), so an operator sees what to fix
/// without running the <c>feedback</c> verb. At most <see cref="Shown"/> series at a time, so question labels stay
/// bounded; read from the store when <c>serve</c> starts and after every vote, never on a scrape.</summary>
public sealed class WorstRatedAnswers : IHostedService
{
    public const int Shown = 5;
    private const int QuestionLength = 80;

    private readonly IAnswerFeedbackStore report;
    private readonly ILogger<WorstRatedAnswers> logger;
    private IReadOnlyList<RatedAnswer> worst = [];

    public WorstRatedAnswers(IAnswerFeedbackStore report, IMeterFactory meters, ILogger<WorstRatedAnswers> logger)
    {
        this.report = report;
        this.logger = logger;
        meters.Create(ChatMetrics.MeterName).CreateObservableGauge("newsdesk.feedback.worst_answers",
            () => Volatile.Read(ref worst).Select(a => new Measurement<int>(a.Unhelpful - a.Helpful,
                new("platform", a.Platform), new("question", a.Question.Length <= QuestionLength ? a.Question : a.Question[..QuestionLength] + "…"))),
            description: "The answers with more 👎 than 👍 (at most five), by net 👎, with their questions");
    }

    /// <summary>Reads the worst-rated answers again; a store that cannot be read leaves the last list (it is a report).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            Volatile.Write(ref worst, await report.WorstRatedAsync(Shown, cancellationToken));
        }
        catch (System.Data.Common.DbException exception)
        {
            logger.LogWarning("The worst-rated answers could not be read for /metrics: {Error}", exception.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
