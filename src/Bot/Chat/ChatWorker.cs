using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Chat;

/// <summary>Takes questions from the inbox, answers them and hands each answer to its reply channel. A failure
/// anywhere becomes a short apology on the same channel. On shutdown the inbox closes (new askers are told to try
/// again), queued questions are still answered until <see cref="ChatOptions.DrainTimeout"/>, and whatever is left
/// then, in flight or queued, gets the apology instead of silence.</summary>
public sealed class ChatWorker(
    ChatInbox inbox, IChatJournal journal, IQuestionAnswerer answerer, ChatMetrics metrics, IOptions<ChatOptions> options, TimeProvider time, ILogger<ChatWorker> logger)
    : BackgroundService
{
    public static readonly ActivitySource Activities = new(ChatMetrics.MeterName);

    /// <summary>Cancelled when the drain deadline passes: answering stops, apologies go out.</summary>
    private readonly CancellationTokenSource abandon = new();

    // Reading ends when the inbox is completed and empty, not when the host's stopping token fires: StopAsync decides
    // how long queued work may run.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(ConsumeAsync, CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        inbox.Complete();
        var work = ExecuteTask ?? Task.CompletedTask;
        logger.LogInformation("Stopping: {Queued} questions queued; answering them for up to {Seconds} s", inbox.Depth, options.Value.DrainTimeout.TotalSeconds);
        try
        {
            await work.WaitAsync(options.Value.DrainTimeout, time, cancellationToken);
            return;
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The drain deadline passed; telling {Queued} queued askers and those in flight to ask again", inbox.Depth);
        }
        catch (OperationCanceledException)
        {
        }
        await abandon.CancelAsync();
        try { await work.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { logger.LogWarning("Shutdown ended before every apology was sent"); }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var job in inbox.Reader.ReadAllAsync(CancellationToken.None))
            await HandleAsync(job);
    }

    private async Task HandleAsync(ChatJob job)
    {
        // A template scope: plain text in the console ("CorrelationId:… Platform:…"), named fields in JSON.
        using var scope = logger.BeginScope("CorrelationId:{CorrelationId} Platform:{Platform}", job.CorrelationId, job.Platform);
        using var activity = Activities.StartActivity("newsdesk.chat.answer");
        activity?.SetTag("newsdesk.correlation_id", job.CorrelationId);
        activity?.SetTag("newsdesk.platform", job.Platform);
        var started = time.GetTimestamp();
        string outcome;
        var isDelivered = true;
        if (abandon.IsCancellationRequested) (outcome, isDelivered) = await ApologiseAsync(job, "abandoned");
        else
        {
            try
            {
                if (job.Run is { } run)
                {
                    await run(abandon.Token);
                    outcome = "command";
                }
                else
                {
                    var answer = await answerer.AnswerAsync(job.Question, abandon.Token);
                    if (answer.FallbackReason is not null) metrics.OfflineFallback(job.Platform);
                    if (job.JournalKey is { } held && !await journal.HoldsAsync(held, abandon.Token))
                    {
                        // This process stalled past its lease and another took the question over: the reply is theirs.
                        logger.LogWarning("Another process took over question {Key}; not replying from this one", held);
                        (outcome, isDelivered, job) = ("taken_over", false, job with { JournalKey = null });
                    }
                    else if (await TryAsync(() => job.Reply.SendAnswerAsync(answer, abandon.Token), "answer")) outcome = answer.IsAnswered ? "answered" : "declined";
                    else (outcome, isDelivered) = await ApologiseAsync(job, "failed");
                }
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                (outcome, isDelivered) = await ApologiseAsync(job, "abandoned");
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Answering failed");
                (outcome, isDelivered) = await ApologiseAsync(job, "failed");
            }
        }
        // Kept when nothing reached the person, and released, so another process (or the next start) tries again
        // while the reply window lasts.
        if (job.JournalKey is { } key)
        {
            if (isDelivered) await journal.RemoveAsync(key, CancellationToken.None);
            else await journal.ReleaseAsync(key, CancellationToken.None);
        }
        var elapsed = time.GetElapsedTime(started);
        activity?.SetTag("newsdesk.outcome", outcome);
        metrics.ReplySent(job.Platform, outcome, elapsed);
        logger.LogInformation("Replied to a {Platform} question: {Outcome} in {Milliseconds} ms", job.Platform, outcome, (long)elapsed.TotalMilliseconds);
    }

    /// <summary>The apology has its own short deadline: it must go out even after answering was abandoned.</summary>
    private async Task<(string Outcome, bool IsDelivered)> ApologiseAsync(ChatJob job, string outcome)
    {
        using var deadline = new CancellationTokenSource(options.Value.ApologyTimeout, time);
        return (outcome, await TryAsync(() => job.Reply.SendFailureAsync(deadline.Token), "apology"));
    }

    private async Task<bool> TryAsync(Func<Task> send, string what)
    {
        try
        {
            await send();
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning("Sending the {What} failed: {Error}", what, exception.Message);
            return false;
        }
    }

    public override void Dispose()
    {
        abandon.Dispose();
        base.Dispose();
    }
}
