using System.Collections.Concurrent;
using Newsdesk.Answering;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Slack;

/// <summary>The real answerer, noting each question it is given so tests can see earlier turns arrive.</summary>
public sealed class RecordingQuestionAnswerer(GroundedAnswerer inner) : IQuestionAnswerer
{
    public ConcurrentQueue<Question> Questions { get; } = new();

    public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        Questions.Enqueue(question);
        return inner.AnswerAsync(question, cancellationToken);
    }
}
