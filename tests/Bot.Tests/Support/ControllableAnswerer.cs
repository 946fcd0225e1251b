using System.Collections.Concurrent;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Support;

/// <summary>The real answerer behind a gate the test controls: hold the next answer (to force a deferral), release
/// it, or make it fail; every question it is given is kept, so a test sees earlier turns arrive. Not a mock of our
/// code: the answers are the real ones. (<see cref="BlockingAnswerer"/> stands in where no real answerer is wanted.)</summary>
public sealed class ControllableAnswerer(IQuestionAnswerer real) : IQuestionAnswerer
{
    private TaskCompletionSource? gate;
    private TaskCompletionSource? release;
    private TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int calls;
    private bool shouldFail;

    public int Calls => Volatile.Read(ref calls);

    public ConcurrentQueue<Question> Questions { get; } = new();

    /// <summary>Completes when the next held question reaches the answerer.</summary>
    public Task Entered => entered.Task;

    public void HoldNext(bool shouldFail = false)
    {
        entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate = release;
        this.shouldFail = shouldFail;
    }

    public void FailNext() => shouldFail = true;

    public void Release() => release?.TrySetResult();

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Questions.Enqueue(question);
        var held = Interlocked.Exchange(ref gate, null);
        entered.TrySetResult();
        if (held is not null) await held.Task.WaitAsync(cancellationToken);
        if (shouldFail)
        {
            shouldFail = false;
            throw new InvalidOperationException("The answerer failed on purpose.");
        }
        return await real.AnswerAsync(question, cancellationToken);
    }
}
