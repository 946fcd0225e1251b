namespace Newsdesk.Storage;

/// <summary>One change made from chat: who (<c>discord:ID</c>, <c>slack:ID</c>), what (<c>feeds.add</c>), to what, when.</summary>
public sealed record AdminChange(DateTimeOffset At, string Actor, string Action, string Subject);
