using System.Text.RegularExpressions;

namespace Newsdesk.Chat;

/// <summary>Whether a message nobody addressed to the bot reads as a question to it: it ends with a question mark,
/// or opens with a question word or "tell me". Used where the bot listens without being mentioned (a channel in
/// <c>all</c> mode, a thread it already answered in), so chatter ("nice one", "lol") is left alone; a question the
/// news does not cover is then declined silently, which is what keeps a wrong guess here cheap.</summary>
public static partial class QuestionShape
{
    private const int MinWords = 3;

    public static bool ReadsAsQuestion(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < MinWords) return false;
        return trimmed.EndsWith('?') || QuestionOpening().IsMatch(trimmed);
    }

    [GeneratedRegex(@"^(who|whom|whose|what|when|where|why|how|which|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|tell me|explain)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionOpening();
}
