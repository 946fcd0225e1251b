namespace Newsdesk.Digest;

/// <summary>A destination of the daily digest: configured (<see cref="AddedBy"/> is null) or subscribed from chat.</summary>
public sealed record DigestSubscription(DigestDestination Destination, string? AddedBy, DateTimeOffset? AddedAt)
{
    public bool IsConfigured => AddedBy is null;
}
