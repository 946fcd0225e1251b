using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Chat;

/// <summary>The bounded queue between adapters, which acknowledge at once, and the workers that answer. When it is
/// full, or closed because the bot is stopping, <see cref="TryEnqueue"/> says so immediately and the adapter tells the
/// user to try again.</summary>
public sealed class ChatInbox
{
    private readonly Channel<ChatJob> channel;
    private readonly ChatMetrics metrics;
    private readonly ILogger<ChatInbox> logger;
    private volatile bool isClosed;

    public ChatInbox(IOptions<ChatOptions> options, ChatMetrics metrics, ILogger<ChatInbox> logger)
    {
        channel = Channel.CreateBounded<ChatJob>(new BoundedChannelOptions(options.Value.InboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        this.metrics = metrics;
        this.logger = logger;
        metrics.ObserveInboxDepth(() => Depth);
    }

    /// <summary>Queues the job. The platform's own id (event or interaction id) is logged beside the correlation id
    /// the adapter put on the job, so either finds the other.</summary>
    public bool TryEnqueue(ChatJob job)
    {
        if (job.PlatformId is { } platformId && platformId != job.CorrelationId)
            logger.LogDebug("{Platform} question {PlatformId} queued under correlation id {CorrelationId}", job.Platform, platformId, job.CorrelationId);
        var isQueued = channel.Writer.TryWrite(job);
        metrics.QuestionOffered(job.Platform, isQueued ? "queued" : isClosed ? "closed" : "busy");
        return isQueued;
    }

    public int Depth => channel.Reader.Count;

    /// <summary>True once the bot is stopping and takes no more questions.</summary>
    public bool IsClosed => isClosed;

    public ChannelReader<ChatJob> Reader => channel.Reader;

    /// <summary>Takes no more questions; those already queued can still be read.</summary>
    public void Complete()
    {
        isClosed = true;
        channel.Writer.TryComplete();
    }
}
