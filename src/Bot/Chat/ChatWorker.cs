using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Chat;

/// <summary>Takes questions from the inbox, answers them and hands each answer to its reply channel. A failure
/// anywhere becomes a short apology on the same channel.</summary>
public sealed class ChatWorker(ChatInbox inbox, IQuestionAnswerer answerer, IOptions<ChatOptions> options, ILogger<ChatWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in inbox.Reader.ReadAllAsync(stoppingToken))
                await HandleAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(ChatJob job, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = job.CorrelationId, ["Platform"] = job.Platform });
        Chat.Answer answer;
        try
        {
            answer = await answerer.AnswerAsync(job.Question, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Answering failed");
            await TryAsync(() => job.Reply.SendFailureAsync(stoppingToken), "apology");
            return;
        }
        if (!await TryAsync(() => job.Reply.SendAnswerAsync(answer, stoppingToken), "answer"))
            await TryAsync(() => job.Reply.SendFailureAsync(stoppingToken), "apology");
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
}
