namespace Newsdesk.Stories;

/// <summary>Two parties on one point, side by side: a claim and the claim that counters it.</summary>
public sealed record ContestedPoint(AttributedClaim Claim, AttributedClaim Counter);
