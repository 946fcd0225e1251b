namespace Newsdesk.Chat;

/// <summary>One day's votes on one platform (the day in UTC, "yyyy-MM-dd").</summary>
public sealed record FeedbackDay(string Day, string Platform, int Helpful, int Unhelpful);
