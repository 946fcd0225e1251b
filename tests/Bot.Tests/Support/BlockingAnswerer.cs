using Newsdesk.Chat;

namespace Newsdesk.Tests.Support;

/// <summary>An answerer that answers nothing until released (or fails when told to), and gives up when answering
/// is abandoned (its token is cancelled): the one stand-in for "answering is slow or broken" across the tests.</summary>
public sealed class BlockingAnswerer : IQuestionAnswerer
{
    private readonly TaskCompletionSource<Answer> release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first question reaches the answerer.</summary>
    public Task Started => started.Task;

    public static BlockingAnswerer Failing(Exception error)
    {
        var answerer = new BlockingAnswerer();
        answerer.release.SetException(error);
        return answerer;
    }

    public void Release(Answer answer) => release.TrySetResult(answer);

    public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        started.TrySetResult();
        return release.Task.WaitAsync(cancellationToken);
    }
}
