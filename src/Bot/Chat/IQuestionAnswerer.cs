namespace Newsdesk.Chat;

/// <summary>The one seam between chat adapters (CLI, Discord, Slack) and the grounded-answer core.</summary>
public interface IQuestionAnswerer
{
    Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken);
}
