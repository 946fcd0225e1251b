using Newsdesk.Chat;

namespace Newsdesk.Tests.Support;

/// <summary>A reply channel that sends nothing, for a job that is never meant to be answered.</summary>
public sealed class DiscardingReply : IReplyChannel
{
    public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendFailureAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
