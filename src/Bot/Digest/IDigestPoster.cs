namespace Newsdesk.Digest;

/// <summary>Posts a digest to one kind of destination. Each platform adapter registers its own; the publisher picks
/// the one that <see cref="Handles"/> a destination.</summary>
public interface IDigestPoster
{
    bool Handles(DigestDestination destination);

    /// <summary>Whether <see cref="FindPostedAsync"/> can look at the destination's recent messages.</summary>
    bool CanFindPosted { get; }

    /// <summary>Posts the digest with <paramref name="marker"/> in it; returns the platform's message id.</summary>
    Task<string> PostAsync(DigestDestination destination, DigestContent digest, string marker, CancellationToken cancellationToken);

    /// <summary>The id of a message posted since <paramref name="since"/> that carries <paramref name="marker"/>, or null.</summary>
    Task<string?> FindPostedAsync(DigestDestination destination, string marker, DateTimeOffset since, CancellationToken cancellationToken);
}
