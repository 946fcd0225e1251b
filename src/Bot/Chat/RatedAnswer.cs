namespace Newsdesk.Chat;

/// <summary>An answer and how it was rated: the question, what was answered, the 👍 and 👎 it got.</summary>
public sealed record RatedAnswer(string Platform, string Question, string Answer, int Helpful, int Unhelpful);
