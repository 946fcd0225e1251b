namespace Newsdesk.Chat;

/// <summary>How much of a question the news covers.</summary>
public enum AnswerCoverage
{
    /// <summary>A cited sentence holds what was asked.</summary>
    Answered,

    /// <summary>The stories cover the topic but not the asked fact: the reply says what they do say, cited, and
    /// names what they do not.</summary>
    Partial,

    /// <summary>Nothing the bot follows is about the question: a decline naming the nearest topics.</summary>
    NotCovered,
}
