namespace Newsdesk.Chat;

/// <summary>Whether a platform adapter is on, and why; each adapter registers one so <c>serve</c> can log it.</summary>
public sealed record ChatAdapterStatus(string Platform, bool IsEnabled, string Reason);
