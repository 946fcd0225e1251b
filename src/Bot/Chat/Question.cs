namespace Newsdesk.Chat;

/// <summary>A question as the core sees it, whatever platform it came from.</summary>
/// <param name="Text">What the person asked, with platform markup already removed.</param>
/// <param name="EarlierTurns">Earlier questions in the same conversation, oldest first, so a follow-up such as
/// "and who owns it now?" can be understood.</param>
public sealed record Question(string Text, IReadOnlyList<string> EarlierTurns)
{
    public Question(string text) : this(text, []) { }
}
