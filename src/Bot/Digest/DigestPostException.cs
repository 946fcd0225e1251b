namespace Newsdesk.Digest;

/// <summary>A destination refused a digest (a 4xx other than 429, or retries ran out).</summary>
public sealed class DigestPostException(string message) : Exception(message);
