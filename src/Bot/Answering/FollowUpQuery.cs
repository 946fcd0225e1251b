using Newsdesk.Chat;

namespace Newsdesk.Answering;

/// <summary>The text searched for a question in a thread: the question after up to
/// <see cref="MaxEarlierTurnsSearched"/> earlier turns, since the turn that named the company may be two questions back.</summary>
public static class FollowUpQuery
{
    /// <summary>Slack keeps more of a thread than this; beyond it the search drifts from the question asked.</summary>
    public const int MaxEarlierTurnsSearched = 3;

    public static string SearchText(Question question) => SearchText(question.Text, question.EarlierTurns);

    public static string SearchText(string text, IReadOnlyList<string> earlierTurns) => earlierTurns.Count == 0
        ? text
        : string.Join(" ", earlierTurns.TakeLast(MaxEarlierTurnsSearched).Append(text));
}
