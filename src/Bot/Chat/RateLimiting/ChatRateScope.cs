namespace Newsdesk.Chat.RateLimiting;

/// <summary>Which limit refused a question.</summary>
public enum ChatRateScope
{
    None,
    User,
    Channel,
}
