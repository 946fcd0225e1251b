namespace Newsdesk.Tests.Hostile;

/// <summary>What one fuzz case got: the status code, or 0 with the error when no response came back.</summary>
public sealed record FuzzOutcome(FuzzCase Case, int Status, string? Error);
