using System.Text.RegularExpressions;
using Newsdesk.Chat;

namespace Newsdesk.Answering;

/// <summary>The text searched for a question in a thread: the question after up to
/// <see cref="MaxEarlierTurnsSearched"/> earlier turns, since the turn that named the company may be two questions back.</summary>
public static partial class FollowUpQuery
{
    /// <summary>Slack keeps more of a thread than this; beyond it the search drifts from the question asked.</summary>
    public const int MaxEarlierTurnsSearched = 3;

    public static string SearchText(Question question) => SearchText(question.Text, question.EarlierTurns);

    public static string SearchText(string text, IReadOnlyList<string> earlierTurns) => earlierTurns.Count == 0
        ? text
        : string.Join(" ", earlierTurns.TakeLast(MaxEarlierTurnsSearched).Append(text));

    /// <summary>Whether a follow-up can be searched on its own: it has no pronoun or demonstrative pointing back into
    /// the thread ("he", "their", "that"), so what it names is what it asks about.</summary>
    public static bool StandsAlone(string text) => !PointsBack().IsMatch(text);

    [GeneratedRegex(@"\b(he|she|it|its|it's|they|them|their|theirs|they're|his|him|her|hers|that|this|these|those|there|then|one|ones)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PointsBack();
}
