namespace Newsdesk.Chat;

/// <summary>One question waiting in the inbox, with where its answer must go.</summary>
/// <param name="CorrelationId">Ties the platform request, the log lines and the reply together.</param>
public sealed record ChatJob(string CorrelationId, string Platform, Question Question, IReplyChannel Reply);
