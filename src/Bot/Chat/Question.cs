namespace Newsdesk.Chat;

/// <summary>A question as the core sees it, whatever platform it came from.</summary>
/// <param name="Text">What the person asked, with platform markup already removed.</param>
/// <param name="EarlierTurns">Earlier questions in the same conversation, oldest first, so a follow-up such as
/// "and who owns it now?" can be understood.</param>
public sealed record Question(string Text, IReadOnlyList<string> EarlierTurns)
{
    public Question(string text) : this(text, []) { }

    /// <summary>The conversation the question was asked in, as one string naming its platform and place (Slack:
    /// workspace, channel and thread root; Discord: guild and thread), or null where it has none (the command line, a
    /// question outside a thread). What the thread was already answered with is kept under it, so two conversations
    /// asking the same words do not share it, and a restart or another replica still finds it.</summary>
    public string? Thread { get; init; }
}
