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

    /// <summary>The outcome when another process took the job over while this one stalled: nothing sent from here.</summary>
    private const string TakenOver = "taken_over";

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
        var (outcome, isDelivered) = await ReplyAsync(job);
        // Kept when nothing reached the person, and released, so another process (or the next start) tries again
        // while the reply window lasts. Taken over, the entry is the other process's: neither removed nor released here.
        if (job.JournalKey is { } key && outcome != TakenOver)
        {
            if (isDelivered) await journal.RemoveAsync(key, CancellationToken.None);
            else await journal.ReleaseAsync(key, CancellationToken.None);
        }
        var elapsed = time.GetElapsedTime(started);
        activity?.SetTag("newsdesk.outcome", outcome);
        metrics.ReplySent(job.Platform, outcome, elapsed);
        logger.LogInformation("Replied to a {Platform} question: {Outcome} in {Milliseconds} ms", job.Platform, outcome, (long)elapsed.TotalMilliseconds);
    }

    /// <summary>Answers the question, or runs the work, and sends the reply; a failure sends the apology instead.
    /// Work that is not a question composes its reply first and hands back the step that delivers it, so that both
    /// kinds confirm the journal lease at the same point: after the slow part, just before anything is sent.</summary>
    private async Task<(string Outcome, bool IsDelivered)> ReplyAsync(ChatJob job)
    {
        if (abandon.IsCancellationRequested) return await ApologiseAsync(job, "abandoned");
        try
        {
            if (job.Run is { } run)
            {
                var deliver = await run(abandon.Token);
                if (await IsTakenOverAsync(job, abandon.Token)) return (TakenOver, false);
                await deliver(abandon.Token);
                return ("command", true);
            }
            var answer = await answerer.AnswerAsync(job.Question, abandon.Token);
            if (answer.FallbackReason is not null) metrics.OfflineFallback(job.Platform);
            if (await IsTakenOverAsync(job, abandon.Token)) return (TakenOver, false);
            if (await TryAsync(() => job.Reply.SendAnswerAsync(answer, abandon.Token), "answer")) return (answer.IsAnswered ? "answered" : "declined", true);
            return await ApologiseAsync(job, "failed");
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            return await ApologiseAsync(job, "abandoned");
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Answering failed");
            return await ApologiseAsync(job, "failed");
        }
    }

    /// <summary>Renews a journalled job's lease just before its reply goes, for a question and for other work alike (a
    /// story brief, fresh or recovered from a stopped process): true when this process stalled past its lease and
    /// another process took the job over, so the reply is that process's to send (or already sent). Not journalled:
    /// nothing to check. A journal that cannot be written says "held" (see <see cref="IChatJournal.HoldsAsync"/>).</summary>
    private async Task<bool> IsTakenOverAsync(ChatJob job, CancellationToken cancellationToken)
    {
        if (job.JournalKey is not { } held || await journal.HoldsAsync(held, cancellationToken)) return false;
        logger.LogWarning("Another process took over {Key}; not replying from this one", held);
        return true;
    }

    /// <summary>The apology has its own short deadline: it must go out even after answering was abandoned. It is a
    /// reply too, so it goes only while the lease is this process's: on Discord it edits the very message another
    /// process's answer is in. A check that outlasts the deadline leaves no time to send: not delivered, so the
    /// entry is released for another try.</summary>
    private async Task<(string Outcome, bool IsDelivered)> ApologiseAsync(ChatJob job, string outcome)
    {
        using var deadline = new CancellationTokenSource(options.Value.ApologyTimeout, time);
        try
        {
            if (await IsTakenOverAsync(job, deadline.Token)) return (TakenOver, false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (outcome, false);
        }
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
